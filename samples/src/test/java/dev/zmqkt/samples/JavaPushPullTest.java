package dev.zmqkt.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaPushPullTest {
    @Test
    void sumsWhatWasSent() throws Exception {
        assertEquals(999L * 1000 / 2, JavaPushPull.run(1000));
    }
}
