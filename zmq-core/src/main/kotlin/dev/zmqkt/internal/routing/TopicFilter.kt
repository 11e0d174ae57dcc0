package dev.zmqkt.internal.routing

import dev.zmqkt.Message

/**
 * A subscriber's own subscriptions (SUB and XSUB; libzmq's trie_t): prefixes with a count each, so subscribing
 * twice and unsubscribing once leaves the prefix subscribed. Incoming messages are kept when their first frame
 * starts with any subscribed prefix.
 */
internal class TopicFilter {
    private class Count(var n: Int)

    private val trie = PrefixTrie<Count>()

    /** Counts a subscription to [prefix]; true when the prefix was not subscribed before. */
    fun add(prefix: ByteArray): Boolean {
        val count = trie.getOrPut(prefix) { Count(0) }
        return count.n++ == 0
    }

    /** Removes one subscription to [prefix]; true when that was the last one. False when it was not subscribed. */
    fun remove(prefix: ByteArray): Boolean {
        val count = trie[prefix] ?: return false
        if (--count.n > 0) return false
        trie.remove(prefix)
        return true
    }

    /** Whether [message] matches a subscription (or, with [invert], matches none). */
    fun accepts(message: Message, invert: Boolean): Boolean {
        var matched = false
        trie.forEachPrefixOf(message[0]) { matched = true }
        return matched != invert
    }

    /** Every subscribed prefix, once each (to re-send them to a new or reconnected publisher). */
    fun prefixes(): List<ByteArray> {
        val out = ArrayList<ByteArray>()
        trie.forEach { prefix, _ -> out += prefix }
        return out
    }
}
