@file:Suppress("unused")

package dev.zmqkt.internal.pipe

import dev.zmqkt.Message

/*
 * The fields of a Pipe, laid out so that what the writer changes, what the reader changes and what both read
 * sit on different cache lines: otherwise every message would move a cache line between the two cores.
 * HotSpot places a superclass's fields before its subclass's and never mixes them, so classes of padding longs
 * (64 bytes each) between the groups keep them apart, as JCTools does.
 */

internal class PipeChunk(size: Int) {
    @JvmField val slots = arrayOfNulls<Message>(size)
    @JvmField var next: PipeChunk? = null
}

internal abstract class PipePadA {
    @JvmField var pa0 = 0L; @JvmField var pa1 = 0L; @JvmField var pa2 = 0L; @JvmField var pa3 = 0L
    @JvmField var pa4 = 0L; @JvmField var pa5 = 0L; @JvmField var pa6 = 0L; @JvmField var pa7 = 0L
}

/** Writer-private state. */
internal abstract class PipeWriterFields : PipePadA() {
    @JvmField var tail: PipeChunk? = null
    @JvmField var tailIndex = 0
    @JvmField var localWritten = 0L

    /** The reader's published count as the writer last read it. */
    @JvmField var cachedRead = 0L
}

internal abstract class PipePadB : PipeWriterFields() {
    @JvmField var pb0 = 0L; @JvmField var pb1 = 0L; @JvmField var pb2 = 0L; @JvmField var pb3 = 0L
    @JvmField var pb4 = 0L; @JvmField var pb5 = 0L; @JvmField var pb6 = 0L; @JvmField var pb7 = 0L
}

/** Written by the writer, read by the reader. */
internal abstract class PipeWrittenFields : PipePadB() {
    @Volatile @JvmField var written = 0L
    @Volatile @JvmField var writerClosed = false
}

internal abstract class PipePadC : PipeWrittenFields() {
    @JvmField var pc0 = 0L; @JvmField var pc1 = 0L; @JvmField var pc2 = 0L; @JvmField var pc3 = 0L
    @JvmField var pc4 = 0L; @JvmField var pc5 = 0L; @JvmField var pc6 = 0L; @JvmField var pc7 = 0L
}

/** Written by the reader, read by the writer (only when its cached copy says the pipe may be full). */
internal abstract class PipeReadFields : PipePadC() {
    @Volatile @JvmField var publishedRead = 0L
}

internal abstract class PipePadD : PipeReadFields() {
    @JvmField var pd0 = 0L; @JvmField var pd1 = 0L; @JvmField var pd2 = 0L; @JvmField var pd3 = 0L
    @JvmField var pd4 = 0L; @JvmField var pd5 = 0L; @JvmField var pd6 = 0L; @JvmField var pd7 = 0L
}

/** Reader-private state. */
internal abstract class PipeReaderFields : PipePadD() {
    @JvmField var head: PipeChunk? = null
    @JvmField var headIndex = 0
    @JvmField var read = 0L
    @JvmField var available = 0L
    @JvmField var unpublished = 0
    @JvmField var publishEvery = 1
}

internal abstract class PipePadE : PipeReaderFields() {
    @JvmField var pe0 = 0L; @JvmField var pe1 = 0L; @JvmField var pe2 = 0L; @JvmField var pe3 = 0L
    @JvmField var pe4 = 0L; @JvmField var pe5 = 0L; @JvmField var pe6 = 0L; @JvmField var pe7 = 0L
}

/**
 * Written rarely (a side going to sleep, the reader closing), read on every message: kept off the line the
 * reader writes as it reads, so a writer checking them does not pull that line over.
 */
internal abstract class PipeFlagFields : PipePadE() {
    @Volatile @JvmField var readerWaiting = 0
    @Volatile @JvmField var writerWaiting = 0
    @Volatile @JvmField var readerClosed = false
}

internal abstract class PipePadF : PipeFlagFields() {
    @JvmField var pf0 = 0L; @JvmField var pf1 = 0L; @JvmField var pf2 = 0L; @JvmField var pf3 = 0L
    @JvmField var pf4 = 0L; @JvmField var pf5 = 0L; @JvmField var pf6 = 0L; @JvmField var pf7 = 0L
}
