package dev.authbridge.store;

/** Told how long each {@link Database} operation took, for metrics. Must not throw, and must be quick. */
public interface StoreObserver {
    StoreObserver NONE = (operation, nanos, ok) -> {};

    /**
     * @param operation the name the caller gave the operation ({@code find}, {@code save}…)
     * @param ok false when it failed (the caller gets a {@link StoreUnavailableException})
     */
    void onOperation(String operation, long nanos, boolean ok);
}
