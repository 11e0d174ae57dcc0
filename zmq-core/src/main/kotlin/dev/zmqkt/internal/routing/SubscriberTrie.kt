package dev.zmqkt.internal.routing

import dev.zmqkt.Frame

/**
 * The publisher's view of its subscribers (PUB and XPUB; libzmq's mtrie_t): for each prefix, the set of links
 * subscribed to it. A link subscribing to the same prefix twice is in the set once.
 */
internal class SubscriberTrie {
    private val trie = PrefixTrie<LinkedHashSet<PeerLink>>()
    private val prefixesByLink = HashMap<PeerLink, MutableSet<PrefixKey>>()

    /** Subscribes [link] to [prefix]; true when the prefix had no subscriber before. */
    fun add(prefix: ByteArray, link: PeerLink): Boolean {
        val links = trie.getOrPut(prefix) { LinkedHashSet() }
        val first = links.isEmpty()
        if (links.add(link)) prefixesByLink.getOrPut(link) { HashSet() }.add(PrefixKey(prefix))
        return first
    }

    /** Unsubscribes [link] from [prefix]; true when the prefix has no subscriber left (false if it had none). */
    fun remove(prefix: ByteArray, link: PeerLink): Boolean {
        val links = trie[prefix] ?: return false
        if (!links.remove(link)) return false
        prefixesByLink[link]?.remove(PrefixKey(prefix))
        if (links.isNotEmpty()) return false
        trie.remove(prefix)
        return true
    }

    /** Drops every subscription of [link]; calls [onLastGone] for each prefix left without subscribers. */
    fun removeAll(link: PeerLink, onLastGone: (ByteArray) -> Unit) {
        val prefixes = prefixesByLink.remove(link) ?: return
        for (p in prefixes) {
            val links = trie[p.bytes] ?: continue
            links.remove(link)
            if (links.isEmpty()) {
                trie.remove(p.bytes)
                onLastGone(p.bytes)
            }
        }
    }

    /** Calls [visit] for every link subscribed to a prefix of [topic] (a link may be visited more than once). */
    fun forEachMatch(topic: Frame, visit: (PeerLink) -> Unit) {
        trie.forEachPrefixOf(topic) { links -> for (l in links) visit(l) }
    }

    private class PrefixKey(val bytes: ByteArray) {
        override fun equals(other: Any?) = other is PrefixKey && other.bytes.contentEquals(bytes)
        override fun hashCode() = bytes.contentHashCode()
    }
}
