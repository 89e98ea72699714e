package dev.authbridge.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.util.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * Rate-limits repeated log lines: per logger and message pattern (the {@code "refused {} {}"}
 * text in the code, whatever its arguments), at most {@code maxPerWindow} lines per {@code
 * window}; the rest are dropped and counted, and the next line of that pattern after the window
 * is preceded by one line saying how many were dropped. Unlike logback's {@code
 * DuplicateMessageFilter}, a pattern is never silenced for good. Memory is bounded: at most
 * {@code maxPatterns} patterns are tracked, the least recently logged forgotten first.
 */
public final class RepeatedLineFilter extends TurboFilter {
    private static final Marker SUMMARY = MarkerFactory.getMarker("authbridge.dropped-lines");

    private int maxPerWindow = 20;
    private long windowNanos = java.time.Duration.ofSeconds(10).toNanos();
    private int maxPatterns = 256;
    private LongSupplier nanoTime = System::nanoTime;
    private Map<String, Window> windows = lru(maxPatterns);

    /** One pattern's current window. */
    private static final class Window {
        long start;
        int logged;
        long dropped;

        Window(long start) {
            this.start = start;
        }
    }

    public void setMaxPerWindow(int maxPerWindow) {
        this.maxPerWindow = maxPerWindow;
    }

    public void setWindow(Duration window) {
        this.windowNanos = window.getMilliseconds() * 1_000_000L;
    }

    public void setMaxPatterns(int maxPatterns) {
        this.maxPatterns = maxPatterns;
        this.windows = lru(maxPatterns);
    }

    void setNanoTime(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (format == null || marker == SUMMARY || !level.isGreaterOrEqual(logger.getEffectiveLevel())) {
            return FilterReply.NEUTRAL;
        }
        long now = nanoTime.getAsLong();
        long dropped;
        synchronized (this) {
            Window w = windows.computeIfAbsent(logger.getName() + '\u0000' + format, k -> new Window(now));
            if (now - w.start >= windowNanos) {
                dropped = w.dropped;
                w.start = now;
                w.logged = 0;
                w.dropped = 0;
            } else {
                dropped = 0;
            }
            if (w.logged >= maxPerWindow) {
                w.dropped++;
                return FilterReply.DENY;
            }
            w.logged++;
        }
        if (dropped > 0) {
            logger.log(SUMMARY, Logger.FQCN, Level.toLocationAwareLoggerInteger(level),
                    "{} more lines like \"{}\" were dropped (over {} in {} ms)",
                    new Object[] {dropped, format, maxPerWindow, windowNanos / 1_000_000}, null);
        }
        return FilterReply.NEUTRAL;
    }

    int tracked() {
        synchronized (this) {
            return windows.size();
        }
    }

    private static Map<String, Window> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                return size() > max;
            }
        };
    }
}
