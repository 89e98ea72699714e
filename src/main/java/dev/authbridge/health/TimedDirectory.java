package dev.authbridge.health;

import dev.authbridge.directory.AuthResult;
import dev.authbridge.directory.Directory;
import dev.authbridge.directory.DirectoryUnavailableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The {@link Directory} port with every call timed ({@code authbridge_directory_operations}, by
 * method and outcome: {@code ok}, {@code rejected} for refused credentials, {@code unavailable},
 * {@code error}). A dynamic proxy rather than a hand-written decorator: the port gains methods
 * as capabilities land (password change…), and each is timed without this class following.
 */
public final class TimedDirectory {
    private TimedDirectory() {}

    public static Directory wrap(Directory target, Metrics metrics) {
        return (Directory) Proxy.newProxyInstance(Directory.class.getClassLoader(), new Class<?>[] {Directory.class},
                (proxy, method, args) -> invoke(target, metrics, method, args));
    }

    private static Object invoke(Directory target, Metrics metrics, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class || method.getName().equals("close")) {
            return call(target, method, args);
        }
        long started = System.nanoTime();
        String outcome = "error";
        try {
            Object result = call(target, method, args);
            outcome = result instanceof AuthResult.Rejected ? "rejected" : "ok";
            return result;
        } catch (DirectoryUnavailableException e) {
            outcome = "unavailable";
            throw e;
        } finally {
            metrics.directoryOperation(method.getName(), outcome, System.nanoTime() - started);
        }
    }

    private static Object call(Directory target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
