package dev.zmqkt.devices.internal

import dev.zmqkt.SocketType
import java.time.Duration
import java.util.HexFormat

/**
 * A [DeviceSpec] as lines of text, for a device in a process of its own: the parent writes them to the child's
 * standard input. One item per line, fields separated by single spaces; bytes and text travel as hex, so no
 * field holds a space or a line break:
 * ```
 * kind PROXY
 * socket in ROUTER
 * option in SNDHWM i:1000
 * bind in tcp://127.0.0.1:*
 * connect out tcp://127.0.0.1:5560
 * prefix in 696e
 * ```
 * Option values: `n` (null), `i:` Int, `l:` Long, `b:` Boolean, `d:` Duration (ISO-8601), `x:` bytes and `s:`
 * text (both hex); other numbers travel as their decimal text, which setting an option by name accepts.
 */
internal object DeviceSpecCodec {
    private val hex = HexFormat.of()

    fun encode(spec: DeviceSpec): List<String> = buildList {
        add("kind ${spec.kind.name}")
        for ((side, socket) in spec.sides) {
            val s = side.label
            add("socket $s ${socket.type.name}")
            for ((name, value) in socket.options) add("option $s $name ${encodeValue(name, value)}")
            for (endpoint in socket.binds) add("bind $s ${checkToken(endpoint)}")
            for (endpoint in socket.connects) add("connect $s ${checkToken(endpoint)}")
        }
        add("prefix in ${hex.formatHex(spec.inPrefix)}")
        add("prefix out ${hex.formatHex(spec.outPrefix)}")
    }

    fun decode(lines: List<String>): DeviceSpec {
        var kind: DeviceKind? = null
        val sides = LinkedHashMap<DeviceSide, SocketSpec>()
        var inPrefix = ByteArray(0)
        var outPrefix = ByteArray(0)
        for (line in lines) {
            val f = line.split(' ')
            fun side(): SocketSpec = sides[sideNamed(f[1])] ?: error("socket ${f[1]} used before it is declared")
            when (f[0]) {
                "kind" -> kind = DeviceKind.valueOf(f[1])
                "socket" -> sides[sideNamed(f[1])] = SocketSpec(SocketType.valueOf(f[2]))
                "option" -> side().options += f[2] to decodeValue(f[3])
                "bind" -> side().binds += f[2]
                "connect" -> side().connects += f[2]
                "prefix" -> if (f[1] == "in") inPrefix = hex.parseHex(f[2]) else outPrefix = hex.parseHex(f[2])
                else -> error("unknown device line: $line")
            }
        }
        return DeviceSpec(kind ?: error("no device kind"), sides, inPrefix, outPrefix)
    }

    private fun sideNamed(label: String): DeviceSide =
        DeviceSide.entries.firstOrNull { it.label == label } ?: error("unknown socket $label")

    private fun checkToken(text: String): String {
        require(text.isNotEmpty() && text.none { it.isWhitespace() }) { "an endpoint holds no spaces: '$text'" }
        return text
    }

    private fun encodeValue(name: String, value: Any?): String = when (value) {
        null -> "n"
        is Int -> "i:$value"
        is Long -> "l:$value"
        is Boolean -> "b:$value"
        is Duration -> "d:$value"
        is ByteArray -> "x:" + hex.formatHex(value)
        is String -> "s:" + hex.formatHex(value.toByteArray(Charsets.UTF_8))
        is Number -> "s:" + hex.formatHex(value.toString().toByteArray(Charsets.UTF_8))
        else -> throw IllegalArgumentException(
            "option $name: a device in its own process takes values of type Int, Long, Boolean, Duration, " +
                "ByteArray, String or null, not ${value::class.java.name}",
        )
    }

    private fun decodeValue(text: String): Any? {
        if (text == "n") return null
        val body = text.substring(2)
        return when (text[0]) {
            'i' -> body.toInt()
            'l' -> body.toLong()
            'b' -> body.toBooleanStrict()
            'd' -> Duration.parse(body)
            'x' -> hex.parseHex(body)
            's' -> String(hex.parseHex(body), Charsets.UTF_8)
            else -> error("unknown option value $text")
        }
    }
}
