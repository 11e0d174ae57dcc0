package dev.zmqkt.bench;

/**
 * How many of a peer's messages (or round trips) come first, untimed: the {@code BENCH_WARMUP} environment
 * variable, which the runner sets for every implementation alike (the C peer reads it too).
 */
public final class Warmup {
    private Warmup() {}

    /** The untimed count out of {@code total}: at least {@code atLeast}, and always leaving one timed. */
    public static long count(long total, long atLeast) {
        String text = System.getenv("BENCH_WARMUP");
        long w = text == null ? 0 : Long.parseLong(text.trim());
        w = Math.max(w, atLeast);
        w = Math.min(w, total - 1);
        return Math.max(w, 0);
    }
}
