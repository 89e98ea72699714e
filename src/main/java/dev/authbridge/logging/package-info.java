/**
 * The application log's defences, wired in {@code logback.xml}. Every message and every
 * exception text is escaped on its way out ({@link dev.authbridge.logging.EscapedMessageConverter},
 * {@link dev.authbridge.logging.EscapedThrowableConverter}), so a value a caller sent — a user
 * name, a path, a header — can never end a log line and forge the next one; and a line logged over
 * and over is rate-limited ({@link dev.authbridge.logging.RepeatedLineFilter}), so a flood of bad
 * requests cannot fill the disk. The audit log is separate: JSON lines, encoded by Jackson.
 */
package dev.authbridge.logging;
