package dev.zmqkt.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import dev.zmqkt.AgainException;
import dev.zmqkt.Context;
import dev.zmqkt.log.jul.ZmqLogHandler;
import dev.zmqkt.log.logback.ZmqAppender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** zmq-log from Java: the builder, the appender and handler set up in code, the subscriber's blocking and future forms. */
@Timeout(60)
class JavaLogApiTest {
    /** Publishes probes until the subscriber receives one, then a fence, and reads up to it. */
    private static void join(LogSubscriber subscriber, Runnable probe, Runnable fence) throws InterruptedException {
        while (true) {
            probe.run();
            try {
                subscriber.receiveBlocking(Duration.ofMillis(20));
                break;
            } catch (AgainException notYet) {
                // not joined yet
            }
        }
        fence.run();
        while (!subscriber.receiveBlocking(Duration.ofSeconds(10)).getText().trim().endsWith("fence")) {
            // probes sent before the fence
        }
    }

    @Test
    void publisherAndSubscriber() throws Exception {
        try (Context context = new Context();
             LogPublisher publisher = LogPublisher.builder().bind("tcp://127.0.0.1:*").rootTopic("java").build();
             LogSubscriber subscriber = LogSubscriber.connect(context, publisher.getBoundEndpoints().get(0), List.of("java.WARNING"), "java")) {
            join(subscriber, () -> publisher.publish(LogLevel.WARNING, "probe"), () -> publisher.publish(LogLevel.WARNING, "fence"));
            publisher.publish(LogLevel.INFO, "filtered out");
            publisher.publish(LogLevel.WARNING, "db", "slow");
            LogEntry entry = subscriber.receiveAsync().get(10, TimeUnit.SECONDS);
            assertEquals("java.WARNING.db", entry.getTopic());
            assertEquals(LogLevel.WARNING, entry.getLevel());
            assertEquals("db", entry.getSubtopic());
            assertEquals("slow", entry.getText());
            assertEquals(0, publisher.getDroppedCount());
        }
    }

    @Test
    void logbackAppenderFromCode() throws Exception {
        LoggerContext lc = new LoggerContext();
        lc.setMDCAdapter(new LogbackMDCAdapter());
        ZmqAppender appender = new ZmqAppender();
        appender.setContext(lc);
        appender.setName("ZMQ");
        appender.addBind("tcp://127.0.0.1:*");
        appender.setRootTopic("app");
        appender.setInfoPattern("%zmqLevel: %msg");
        appender.start();
        assertTrue(appender.isStarted());
        Logger log = lc.getLogger("app.java");
        log.addAppender(appender);
        log.setLevel(Level.INFO);
        try (Context context = new Context();
             LogSubscriber subscriber = LogSubscriber.connect(context, appender.getBoundEndpoints().get(0))) {
            join(subscriber, () -> log.info("probe"), () -> log.info("fence"));
            log.info("orders::placed {}", 42);
            LogEntry entry = subscriber.receiveBlocking(Duration.ofSeconds(10));
            assertEquals("app.INFO.orders", entry.getTopic());
            assertEquals("INFO: placed 42", entry.getText());
        } finally {
            lc.stop();
        }
    }

    @Test
    void julHandlerFromCode() throws Exception {
        ZmqLogHandler handler = new ZmqLogHandler(LogPublisher.builder().bind("tcp://127.0.0.1:*").build());
        handler.setFormat(LogLevel.WARNING, "%4$s/%5$s");
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("javajul");
        log.setUseParentHandlers(false);
        log.addHandler(handler);
        try (Context context = new Context();
             LogSubscriber subscriber = LogSubscriber.connect(context, handler.getBoundEndpoints().get(0))) {
            join(subscriber, () -> log.warning("probe"), () -> log.warning("fence"));
            log.warning("careful");
            assertEquals("WARNING/careful", subscriber.receiveBlocking(Duration.ofSeconds(10)).getText());
        } finally {
            handler.close();
        }
    }
}
