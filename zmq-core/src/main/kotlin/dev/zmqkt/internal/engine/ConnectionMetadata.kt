@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.engine

import dev.zmqkt.Metadata
import dev.zmqkt.mechanism.ZapReply
import dev.zmqkt.mechanism.ZmqMechanismApi

/** The properties every message of one connection carries (libzmq's `stream_engine_base_t::mechanism_ready`). */
internal object ConnectionMetadata {
    /**
     * `Peer-Address` (when known), then the ZAP handler's `User-Id` and metadata (when it accepted), then what the
     * peer announced; a name already present keeps its first value, as libzmq's map inserts do.
     */
    fun of(peerAddress: String, zap: ZapReply?, peer: Metadata): Metadata {
        val entries = ArrayList<Pair<String, ByteArray>>()
        fun add(name: String, value: ByteArray) {
            if (entries.none { it.first.equals(name, ignoreCase = true) }) entries += name to value
        }
        if (peerAddress.isNotEmpty()) add(Metadata.PEER_ADDRESS, peerAddress.toByteArray(Charsets.UTF_8))
        if (zap != null) {
            add(Metadata.USER_ID, zap.userId.toByteArray(Charsets.UTF_8))
            for ((name, value) in zap.metadata.entries) add(name, value)
        }
        for ((name, value) in peer.entries) add(name, value)
        return if (entries.isEmpty()) Metadata.EMPTY else Metadata(entries)
    }
}
