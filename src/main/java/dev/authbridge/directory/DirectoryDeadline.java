package dev.authbridge.directory;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * The one deadline a directory call works against: {@code connectTimeout + responseTimeout}
 * from its start, whatever the pools' state. Every wait on the way takes what remains of it —
 * the wait for a pooled connection, a new connection's StartTLS and service bind, each
 * operation's response — so a hung directory answers in that time, not in a full timeout per
 * wait (a request queued behind a full pool used to wait a response timeout for a connection,
 * then another for the new connection's bind).
 *
 * <p>The deadline belongs to the calling thread for the duration of one {@link Directory} call
 * ({@link #wrap}): a sign-in's search, bind and group search share it. Outside such a call,
 * each connection checkout starts a deadline of its own for itself and the operations that
 * follow it. Measured with {@link System#nanoTime()}, as the SDK's own timeouts are: a timeout
 * is an interval, not a moment of the clock.
 */
public final class DirectoryDeadline {
    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private DirectoryDeadline() {}

    /** Work that talks to the directory. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws LDAPException;
    }

    /**
     * The directory port with every call bounded by one deadline of {@code budget}. A dynamic
     * proxy, as {@code health.TimedDirectory} is: methods the port gains are bounded too.
     */
    public static Directory wrap(Directory target, Duration budget) {
        return (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] {Directory.class},
                (proxy, method, args) -> invoke(target, budget, method, args));
    }

    private static Object invoke(Directory target, Duration budget, Method method, Object[] args) throws Throwable {
        boolean outermost = DEADLINE.get() == null;
        if (outermost && method.getDeclaringClass() != Object.class && !method.getName().equals("close")) {
            DEADLINE.set(System.nanoTime() + budget.toNanos());
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } finally {
            if (outermost) {
                DEADLINE.remove();
            }
        }
    }

    /** Runs {@code work} within the running deadline, or within a new one of {@code budget}. */
    static <T> T within(Duration budget, Work<T> work) throws LDAPException {
        if (DEADLINE.get() != null) {
            return work.run();
        }
        DEADLINE.set(System.nanoTime() + budget.toNanos());
        try {
            return work.run();
        } finally {
            DEADLINE.remove();
        }
    }

    /**
     * Milliseconds left of the running deadline ({@code fallback} when none runs, e.g. on the
     * pools' background threads).
     *
     * @throws LDAPException {@link ResultCode#TIMEOUT} when nothing is left
     */
    static long remainingMillis(long fallback) throws LDAPException {
        Long deadline = DEADLINE.get();
        if (deadline == null) {
            return fallback;
        }
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new LDAPException(ResultCode.TIMEOUT, "the directory did not answer within connectTimeout + responseTimeout");
        }
        return left;
    }
}
