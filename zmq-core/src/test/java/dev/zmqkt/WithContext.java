package dev.zmqkt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;

/** A context for each Java test, with a short linger so closing it never waits long. */
abstract class WithContext {
    protected Context context;

    @BeforeEach
    void openContext() {
        context = new Context();
        context.getDefaultOptions().setLinger(Duration.ofMillis(200));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }
}
