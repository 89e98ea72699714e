package dev.authbridge.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %msg} with its control characters escaped ({@link ControlCharacters}). */
public final class EscapedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ControlCharacters.escape(event.getFormattedMessage());
    }
}
