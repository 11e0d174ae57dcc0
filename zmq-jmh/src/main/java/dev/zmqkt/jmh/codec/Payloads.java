package dev.zmqkt.jmh.codec;

import dev.zmqkt.Message;
import dev.zmqkt.internal.codec.FrameEncoder;

import java.nio.ByteBuffer;

/** Test data for the codec benchmarks: single-frame messages and their ZMTP encoding. */
final class Payloads {
    private Payloads() {
    }

    /** A payload of {@code size} bytes with a recognisable pattern. */
    static byte[] bytes(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) bytes[i] = (byte) (i * 31 + 7);
        return bytes;
    }

    /**
     * {@code count} distinct single-frame messages (one Message and one Frame each, as separate sends would be)
     * over one shared payload array, so the payload stays in cache and the benchmark measures the codec rather
     * than memory bandwidth.
     */
    static Message[] messages(int count, int size) {
        byte[] payload = bytes(size);
        Message[] messages = new Message[count];
        for (int i = 0; i < count; i++) messages[i] = Message.of(payload);
        return messages;
    }

    /** {@code messages} encoded as ZMTP frames into a new direct buffer, flipped for reading. */
    static ByteBuffer encoded(Message[] messages) {
        long total = 0;
        for (Message m : messages) total += m.byteCount() + 9;
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.toIntExact(total));
        FrameEncoder encoder = new FrameEncoder();
        for (Message m : messages) {
            if (!encoder.encode(m, buffer)) throw new IllegalStateException("buffer too small");
        }
        buffer.flip();
        return buffer;
    }
}
