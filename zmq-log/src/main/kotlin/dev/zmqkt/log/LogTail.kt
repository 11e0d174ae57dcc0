@file:JvmName("LogTail")

package dev.zmqkt.log

import dev.zmqkt.Context
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.runBlocking
import java.io.PrintStream
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import java.time.Duration
import kotlin.system.exitProcess

/**
 * Prints the log records published at an endpoint, one line each, as pyzmq's `python -m zmq.log` does:
 * `[time ]topic | text`.
 *
 * ```
 * java -cp ... dev.zmqkt.log.LogTail tcp://127.0.0.1:5555 --topic app.ERROR --topic app.CRITICAL
 * ```
 * Options: `-t`/`--topic PREFIX` (repeatable; every record when none), `--root TOPIC` (the publisher's root topic,
 * when the level cannot be told from the topic alone), `--bind` (bind the endpoint instead of connecting, for
 * publishers that connect), `--timestamp` (prefix the local time), `--separator TEXT` (default `" | "`),
 * `--count N` (exit after N records).
 */
public fun main(args: Array<String>) {
    val options = try {
        LogTailOptions.parse(args)
    } catch (e: IllegalArgumentException) {
        System.err.println("error: ${e.message}")
        System.err.println(LogTailOptions.USAGE)
        exitProcess(2)
    }
    val context = Context()
    context.defaultOptions.linger = Duration.ZERO
    Runtime.getRuntime().addShutdownHook(Thread { if (!context.isClosed) context.close(Duration.ZERO) })
    try {
        tail(context, options, System.out)
    } finally {
        context.close(Duration.ZERO)
    }
}

/** Prints the records [options] ask for on [out] until [LogTailOptions.count] records were printed, if given. */
internal fun tail(context: Context, options: LogTailOptions, out: PrintStream) {
    val subscriber = if (options.bind) {
        LogSubscriber.bind(context, options.endpoint, options.topics, options.rootTopic)
    } else {
        LogSubscriber.connect(context, options.endpoint, options.topics, options.rootTopic)
    }
    subscriber.use {
        val dates = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
        val records = options.count?.let { n -> it.records().take(n) } ?: it.records()
        runBlocking {
            records.collect { entry ->
                val time = if (options.timestamp) LocalDateTime.now().format(dates) + " " else ""
                out.println("$time${entry.topic.trim()}${options.separator}${entry.text.trim()}")
                out.flush()
            }
        }
    }
}

/** The command line of [main]. */
internal class LogTailOptions(
    val endpoint: String,
    val topics: List<String>,
    val rootTopic: String?,
    val bind: Boolean,
    val timestamp: Boolean,
    val separator: String,
    val count: Int?,
) {
    companion object {
        const val USAGE = "usage: LogTail ENDPOINT [-t|--topic PREFIX]... [--root TOPIC] [--bind] [--timestamp] " +
            "[--separator TEXT] [--count N]"

        fun parse(args: Array<String>): LogTailOptions {
            var endpoint: String? = null
            val topics = ArrayList<String>()
            var root: String? = null
            var bind = false
            var timestamp = false
            var separator = " | "
            var count: Int? = null
            var i = 0
            fun value(name: String): String = args.getOrNull(++i) ?: throw IllegalArgumentException("$name needs a value")
            while (i < args.size) {
                when (val arg = args[i]) {
                    "-t", "--topic" -> topics += value(arg)
                    "--root" -> root = value(arg)
                    "--bind" -> bind = true
                    "--timestamp" -> timestamp = true
                    "--separator" -> separator = value(arg)
                    "--count" -> count = value(arg).toIntOrNull()?.takeIf { it > 0 }
                        ?: throw IllegalArgumentException("--count needs a positive number")
                    "-h", "--help" -> throw IllegalArgumentException("help")
                    else -> {
                        if (arg.startsWith("-") || endpoint != null) throw IllegalArgumentException("unexpected argument $arg")
                        endpoint = arg
                    }
                }
                i++
            }
            return LogTailOptions(
                endpoint ?: throw IllegalArgumentException("no endpoint given"),
                topics.ifEmpty { listOf("") }, root, bind, timestamp, separator, count,
            )
        }
    }
}
