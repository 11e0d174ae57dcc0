package dev.zmqkt.log

/**
 * Told how many log records were dropped (not published because a subscriber's queue was full or the publisher
 * was closed). Called at most once per report interval (a minute by default), on a logging thread or the
 * publisher's timer; it must not block.
 */
public fun interface DropReporter {
    /** [sinceLastReport] records were dropped since the previous report, [total] since the publisher started. */
    public fun report(sinceLastReport: Long, total: Long)
}
