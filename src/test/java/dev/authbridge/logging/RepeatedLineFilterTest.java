package dev.authbridge.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.util.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RepeatedLineFilterTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ListAppender<ILoggingEvent> out = new ListAppender<>();
    private final RepeatedLineFilter filter = new RepeatedLineFilter();
    private Logger logger;

    @BeforeEach
    void context() {
        LoggerContext context = new LoggerContext();
        filter.setMaxPerWindow(5);
        filter.setWindow(Duration.buildBySeconds(10));
        filter.setMaxPatterns(50);
        filter.setNanoTime(nanos::get);
        filter.setContext(context);
        filter.start();
        context.addTurboFilter(filter);
        out.setContext(context);
        out.start();
        logger = context.getLogger("test");
        logger.addAppender(out);
    }

    @Test
    void decideWhenPatternRepeatsWithinWindowThenOnlyTheFirstOnesPass() {
        for (int i = 0; i < 100; i++) {
            logger.info("refused {}", i);
        }
        logger.warn("other {}", 1);
        assertEquals(6, out.list.size());
        assertEquals("refused 4", out.list.get(4).getFormattedMessage());
        assertEquals("other 1", out.list.get(5).getFormattedMessage());
    }

    @Test
    void decideWhenWindowOverThenCountOfDroppedLinesThenTheLine() {
        for (int i = 0; i < 12; i++) {
            logger.info("refused {}", i);
        }
        nanos.addAndGet(java.time.Duration.ofSeconds(10).toNanos());
        logger.info("refused {}", 99);
        assertEquals(7, out.list.size());
        assertEquals("7 more lines like \"refused {}\" were dropped (over 5 in 10000 ms)",
                out.list.get(5).getFormattedMessage());
        assertEquals("refused 99", out.list.get(6).getFormattedMessage());
    }

    @Test
    void decideWhenManyDifferentPatternsThenMemoryBounded() {
        for (int i = 0; i < 10_000; i++) {
            logger.info("pattern " + i + " {}", i);
        }
        assertEquals(50, filter.tracked());
        assertEquals(10_000, out.list.size());
    }
}
