package dev.authbridge.token;

import dev.authbridge.store.StoreUnavailableException;

import dev.authbridge.testing.MutableClock;
import static dev.authbridge.token.Tokens.JDOE;
import static dev.authbridge.token.Tokens.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.StoreConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenPurgerTest {

    @TempDir
    Path dir;

    @Test
    void purgeNowWhenRowsExpiredLongerThanGraceThenDeleted() {
        MutableClock clock = new MutableClock(T0);
        try (TokenStore store = open()) {
            StoredToken old = Tokens.token(TokenKind.ACCESS, "f1", JDOE, "wwe", T0.minus(TokenPurger.GRACE).minusMillis(1));
            StoredToken recent = Tokens.token(TokenKind.REFRESH, "f2", JDOE, "wwe", T0.minusSeconds(1));
            store.save(old);
            store.save(recent);

            assertEquals(1, new TokenPurger(store, Duration.ofMinutes(1), clock).purgeNow());

            assertEquals(Optional.empty(), store.find(old.hash()));
            assertTrue(store.find(recent.hash()).isPresent(), "kept within the grace period");
        }
    }

    @Test
    void startWhenStoreFailsThenKeepsRunning() throws InterruptedException {
        CountDownLatch threeRuns = new CountDownLatch(3);
        AtomicInteger calls = new AtomicInteger();
        try (TokenStore store = open(); TokenStore failingOnce = new FailingFirstPurge(store, calls, threeRuns);
                TokenPurger purger = new TokenPurger(failingOnce, Duration.ofMillis(10), new MutableClock(T0))) {
            purger.start();

            assertTrue(threeRuns.await(10, TimeUnit.SECONDS), "purges after a failure: " + calls.get());
            assertThrows(IllegalStateException.class, purger::start);
        }
    }

    @Test
    void closeWhenNeverStartedOrTwiceThenNoError() {
        try (TokenStore store = open()) {
            TokenPurger purger = new TokenPurger(store, Duration.ofMinutes(1), new MutableClock(T0));
            purger.close();
            purger.start();
            purger.close();
            purger.close();
        }
    }

    private TokenStore open() {
        return SqlTokenStore.open(new StoreConfig(dir.resolve("tokens.db"), Duration.ofSeconds(5),
                Duration.ofMinutes(1)));
    }

    /** A real store whose first purge fails, as it would while the disk is full. */
    private record FailingFirstPurge(TokenStore delegate, AtomicInteger calls, CountDownLatch runs)
            implements TokenStore {

        @Override
        public int purgeExpired(Instant before) {
            runs.countDown();
            if (calls.getAndIncrement() == 0) {
                throw new StoreUnavailableException("token store purgeExpired failed: disk full", null);
            }
            return delegate.purgeExpired(before);
        }

        @Override
        public void save(StoredToken token) {
            delegate.save(token);
        }

        @Override
        public void saveAll(java.util.List<StoredToken> tokens) {
            delegate.saveAll(tokens);
        }

        @Override
        public boolean exchange(String refreshHash, boolean markUsed, java.util.List<StoredToken> next, Instant at) {
            return delegate.exchange(refreshHash, markUsed, next, at);
        }

        @Override
        public Optional<StoredToken> find(String hash) {
            return delegate.find(hash);
        }

        @Override
        public boolean markUsed(String hash, Instant at) {
            return delegate.markUsed(hash, at);
        }

        @Override
        public int revoke(String hash, Instant at) {
            return delegate.revoke(hash, at);
        }

        @Override
        public int revokeFamily(String family, Instant at) {
            return delegate.revokeFamily(family, at);
        }

        @Override
        public int revokeSubject(String subject, Instant at) {
            return delegate.revokeSubject(subject, at);
        }

        @Override
        public int revokeSubjectExcept(String subject, String keepFamily, Instant at) {
            return delegate.revokeSubjectExcept(subject, keepFamily, at);
        }

        @Override
        public void checkHealth() {
            delegate.checkHealth();
        }

        @Override
        public void close() {}
    }
}
