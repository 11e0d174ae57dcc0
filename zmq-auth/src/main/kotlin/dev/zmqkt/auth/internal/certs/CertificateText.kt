package dev.zmqkt.auth.internal.certs

/**
 * The text of a certificate file in czmq's ZPL layout (RFC 4), which pyzmq writes and reads too:
 * ```
 * #   comment lines
 * metadata
 *     name = "value"
 * curve
 *     public-key = "<40 Z85 characters>"
 *     secret-key = "<40 Z85 characters>"
 * ```
 * Sections are unindented names; properties are indented `name = value` lines, the value quoted with `"` or `'`
 * or bare (pyzmq writes metadata values bare). `#` starts a comment on its own line or after a value.
 */
internal class CertificateText(
    val publicKey: String?,
    val secretKey: String?,
    val metadata: Map<String, String>,
) {
    companion object {
        /** Parses [text]; throws [IllegalArgumentException] naming the line when it is not ZPL. */
        fun parse(text: String): CertificateText {
            var section: String? = null
            var publicKey: String? = null
            var secretKey: String? = null
            val metadata = LinkedHashMap<String, String>()
            for ((index, rawLine) in text.removePrefix("\uFEFF").lines().withIndex()) {
                val line = rawLine.trimEnd('\r', ' ', '\t')
                val content = line.trimStart(' ', '\t')
                if (content.isEmpty() || content.startsWith("#")) continue
                val where = "line ${index + 1}"
                if (content.length == line.length) {
                    section = content.substringBefore('#').trim()
                    require(isName(section)) { "$where: '$section' is not a section name" }
                    continue
                }
                val equals = content.indexOf('=')
                require(equals > 0) { "$where: expected 'name = value', got '$content'" }
                val name = content.substring(0, equals).trim()
                require(isName(name)) { "$where: '$name' is not a property name" }
                val value = parseValue(content.substring(equals + 1).trim(), where)
                when (section) {
                    "curve" -> when (name) {
                        "public-key" -> publicKey = value
                        "secret-key" -> secretKey = value
                    }
                    "metadata" -> metadata[name] = value
                    null -> throw IllegalArgumentException("$where: property '$name' outside any section")
                }
            }
            return CertificateText(publicKey, secretKey, metadata)
        }

        /** The file text: [banner] comment lines, metadata, then the curve section. */
        fun format(banner: List<String>, publicKey: String, secretKey: String?, metadata: Map<String, String>): String =
            buildString {
                for (line in banner) append("#   ").append(line).append('\n')
                append('\n')
                append("metadata\n")
                for ((name, value) in metadata) append("    ").append(name).append(" = ").append(quote(value)).append('\n')
                append("curve\n")
                append("    public-key = \"").append(publicKey).append("\"\n")
                if (secretKey != null) append("    secret-key = \"").append(secretKey).append("\"\n")
            }

        /** ZPL names: letters, digits and `$-_@.&+/`. */
        fun isName(text: String): Boolean =
            text.isNotEmpty() && text.all { it.isLetterOrDigit() && it.code < 128 || it in "$-_@.&+/" }

        /** Whether [value] can be written in a ZPL file (one line, not both quote kinds). */
        fun isWritableValue(value: String): Boolean =
            '\n' !in value && '\r' !in value && !('"' in value && '\'' in value)

        private fun quote(value: String): String = if ('"' in value) "'$value'" else "\"$value\""

        private fun parseValue(text: String, where: String): String {
            if (text.isEmpty()) return ""
            val quote = text[0]
            if (quote == '"' || quote == '\'') {
                val end = text.indexOf(quote, 1)
                require(end > 0) { "$where: value has no closing $quote" }
                val rest = text.substring(end + 1).trim()
                require(rest.isEmpty() || rest.startsWith("#")) { "$where: text after the quoted value" }
                return text.substring(1, end)
            }
            val comment = Regex("\\s#").find(text)
            return if (comment == null) text else text.substring(0, comment.range.first).trim()
        }
    }
}
