package dev.zmqkt.internal.routing

import dev.zmqkt.Frame

/**
 * A trie over byte strings with a value at any node, for subscription prefixes. Matching a message walks its
 * first frame byte by byte and visits the value of every prefix on the way (the empty prefix first), so the cost
 * is the topic's length plus the matches, however many prefixes are stored.
 *
 * Children are kept in a sorted byte array with a parallel node array (most nodes have one or two), searched by
 * binary search. Nodes whose value is gone and that have no children are pruned on removal.
 *
 * Not thread-safe: the socket's lock guards it.
 */
internal class PrefixTrie<V : Any> {
    private class Node<V : Any> {
        var value: V? = null
        var keys: ByteArray = EMPTY_KEYS
        var children: Array<Node<V>?> = arrayOfNulls(0)

        fun child(key: Byte): Node<V>? {
            val i = keys.binarySearch(key)
            return if (i >= 0) children[i] else null
        }

        fun childOrCreate(key: Byte): Node<V> {
            val i = keys.binarySearch(key)
            if (i >= 0) return children[i]!!
            val at = -i - 1
            val node = Node<V>()
            keys = ByteArray(keys.size + 1).also { k ->
                keys.copyInto(k, 0, 0, at); k[at] = key; keys.copyInto(k, at + 1, at)
            }
            children = arrayOfNulls<Node<V>>(children.size + 1).also { c ->
                children.copyInto(c, 0, 0, at); c[at] = node; children.copyInto(c, at + 1, at)
            }
            return node
        }

        fun removeChild(key: Byte) {
            val i = keys.binarySearch(key)
            if (i < 0) return
            keys = ByteArray(keys.size - 1).also { k -> keys.copyInto(k, 0, 0, i); keys.copyInto(k, i, i + 1) }
            children = arrayOfNulls<Node<V>>(children.size - 1).also { c ->
                children.copyInto(c, 0, 0, i); children.copyInto(c, i, i + 1)
            }
        }

        val isPrunable: Boolean get() = value == null && keys.isEmpty()
    }

    private val root = Node<V>()

    /** The value stored for [prefix], or null. */
    operator fun get(prefix: ByteArray): V? {
        var node = root
        for (b in prefix) node = node.child(b) ?: return null
        return node.value
    }

    /** The value for [prefix], made with [create] when absent. */
    fun getOrPut(prefix: ByteArray, create: () -> V): V {
        var node = root
        for (b in prefix) node = node.childOrCreate(b)
        return node.value ?: create().also { node.value = it }
    }

    /** Removes the value for [prefix] and prunes the nodes left empty. */
    fun remove(prefix: ByteArray) {
        val path = ArrayList<Node<V>>(prefix.size + 1)
        var node = root
        path += node
        for (b in prefix) {
            node = node.child(b) ?: return
            path += node
        }
        node.value = null
        for (depth in prefix.size downTo 1) {
            if (!path[depth].isPrunable) break
            path[depth - 1].removeChild(prefix[depth - 1])
        }
    }

    /** Calls [visit] with the value of every stored prefix of [frame]'s bytes, shortest first. */
    fun forEachPrefixOf(frame: Frame, visit: (V) -> Unit) {
        var node: Node<V> = root
        node.value?.let(visit)
        val size = frame.size
        var i = 0
        while (i < size) {
            node = node.child(frame[i]) ?: return
            node.value?.let(visit)
            i++
        }
    }

    /** Calls [visit] with every stored prefix and its value. */
    fun forEach(visit: (ByteArray, V) -> Unit) {
        walk(root, ByteArray(0), visit)
    }

    private fun walk(node: Node<V>, prefix: ByteArray, visit: (ByteArray, V) -> Unit) {
        node.value?.let { visit(prefix, it) }
        for (i in node.keys.indices) walk(node.children[i]!!, prefix + node.keys[i], visit)
    }

    private companion object {
        val EMPTY_KEYS = ByteArray(0)
    }
}
