package dev.authbridge.lockout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.LockoutConfig;
import dev.authbridge.config.StoreConfig;
import dev.authbridge.directory.Tenants;
import dev.authbridge.store.Database;
import dev.authbridge.testing.MutableClock;
import dev.authbridge.testing.TestTenant;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sliding window, the thresholds and the growing lock times, on a real SQLite file with an
 * injected clock: 3 failures per user, 5 per address, within 10 minutes; locks of 1 minute,
 * doubling up to 5, forgotten after an hour.
 */
class LoginThrottleTest {
    private static final String USER = "demo\\agent1";
    private static final String IP = "192.0.2.7";
    private static final LockoutConfig CONFIG = new LockoutConfig(true, 3, 5, Duration.ofMinutes(10),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private Database db;
    private LoginThrottle throttle;

    @BeforeEach
    void open() {
        db = Database.open(new StoreConfig(dir.resolve("store.db"), Duration.ofSeconds(5), Duration.ofMinutes(10)));
        throttle = new LoginThrottle(new SqlLockoutStore(db), CONFIG, clock);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Lockout> fail(int times, String user, String ip) {
        List<Lockout> started = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            started.addAll(throttle.failed(LockoutKind.USER, user, user, ip));
        }
        return started;
    }

    @Test
    void failedWhenUserReachesMaximumThenLockedForDurationAndOnlyThatUser() {
        assertTrue(fail(2, USER, IP).isEmpty());
        assertTrue(throttle.lockout(LockoutKind.USER, USER, IP).isEmpty());
        List<Lockout> started = fail(1, USER, IP);
        assertEquals(1, started.size());
        Lockout lockout = started.get(0);
        assertEquals(LockoutKind.USER, lockout.kind());
        assertEquals(clock.instant().plus(Duration.ofMinutes(1)), lockout.lockedUntil());
        assertEquals(60, throttle.lockout(LockoutKind.USER, USER, IP).orElseThrow().retryAfterSeconds(clock.instant()));
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\agent2", IP).isEmpty(), "the address has 3 failures of 5");
        clock.advance(Duration.ofSeconds(59));
        assertTrue(throttle.lockout(LockoutKind.USER, USER, IP).isPresent());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(throttle.lockout(LockoutKind.USER, USER, IP).isEmpty(), "the lock ends on time");
    }

    @Test
    void lockoutWhenAddressLockedThenEveryUserFromItRefusedAndTheLaterEndingLockReported() {
        for (int i = 0; i < 5; i++) {
            fail(1, "demo\\user" + i, IP);
        }
        Lockout address = throttle.lockout(LockoutKind.USER, "demo\\someone-else", IP).orElseThrow();
        assertEquals(LockoutKind.IP, address.kind());
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\someone-else", "198.51.100.9").isEmpty(), "another address is free");
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\someone-else", null).isEmpty(), "no address, no address lock");
        clock.advance(Duration.ofSeconds(30));
        fail(3, USER, "198.51.100.9");
        Lockout either = throttle.lockout(LockoutKind.USER, USER, IP).orElseThrow();
        assertEquals(LockoutKind.USER, either.kind(), "the user's lock ends 30 s after the address's");
    }

    @Test
    void failedWhenOlderFailuresLeftTheWindowThenTheyDoNotCount() {
        fail(2, USER, IP);
        clock.advance(Duration.ofMinutes(10));
        assertTrue(fail(2, USER, IP).isEmpty(), "two old failures slid out of the window");
        assertEquals(1, fail(1, USER, IP).size());
    }

    @Test
    void failedWhenLockedAgainThenTimeDoublesUpToMaximum() {
        List<Long> minutes = new ArrayList<>();
        for (int lockout = 0; lockout < 5; lockout++) {
            Lockout l = fail(3, USER, null).get(0);
            minutes.add(Duration.between(l.lockedAt(), l.lockedUntil()).toMinutes());
            clock.advance(Duration.between(l.lockedAt(), l.lockedUntil()));
        }
        assertEquals(List.of(1L, 2L, 4L, 5L, 5L), minutes);
    }

    @Test
    void failedWhenLastLockoutLongAgoThenStrikesForgotten() {
        Lockout first = fail(3, USER, null).get(0);
        clock.advance(Duration.ofMinutes(1).plus(Duration.ofHours(1)));
        Lockout next = fail(3, USER, null).get(0);
        assertEquals(1, first.strikes());
        assertEquals(1, next.strikes());
        assertEquals(Duration.ofMinutes(1), Duration.between(next.lockedAt(), next.lockedUntil()));
    }

    @Test
    void failedWhenDuringLockoutThenNothingMoreStarts() {
        fail(3, USER, null);
        assertTrue(fail(10, USER, null).isEmpty(), "a locked key is not locked again");
        assertEquals(1, throttle.lockout(LockoutKind.USER, USER, null).orElseThrow().strikes());
    }

    @Test
    void succeededThenUserFailuresForgottenButAddressFailuresKept() {
        fail(2, USER, IP);
        throttle.succeeded(LockoutKind.USER, USER);
        assertTrue(fail(2, USER, IP).isEmpty(), "the count restarted after the right password");
        List<Lockout> started = fail(1, "demo\\agent2", IP);
        assertEquals(List.of(LockoutKind.IP), started.stream().map(Lockout::kind).toList(),
                "5 failures from the address, whoever the users");
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\supervisor1", IP).isPresent(), "a locked address locks every user from it");
        assertTrue(throttle.lockout(LockoutKind.USER, "demo\\supervisor1", "192.0.2.8").isEmpty());
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8:1:2:aaaa::1, 2001:db8:1:2:bbbb::2, true",
            "2001:db8:1:2::1, 2001:db8:1:3::1, false",
            "192.0.2.1, 192.0.2.2, false",
            "::ffff:192.0.2.1, 192.0.2.1, true"})
    void addressKeyWhenIpv6ThenWholeSlash64SharesOneKey(String a, String b, boolean same) {
        assertEquals(same, LockoutKeys.address(a).equals(LockoutKeys.address(b)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"DEMO-Alias\\Agent1", " demo \\ agent1 ", "demo\\ＡＧＥＮＴ１", "Demo\\agent\u200b1",
            "demo\\\u00a0agent1\u3000", "agent1"})
    void userKeyWhenSpellingOrTenantAliasDiffersThenSameKey(String typed) {
        var tenants = new Tenants(List.of(TestTenant.named("Demo", UUID.randomUUID().toString())
                .domains("demo", "demo-alias").under("dc=example,dc=com").build()), "demo-alias");
        assertEquals("demo\\agent1", LockoutKeys.user(tenants.parse(typed)));
    }

    @Test
    void userKeyWhenOutsideTenantsOrHugeThenBackslashNameOrHash() {
        Tenants none = new Tenants(List.of(), null);
        assertEquals("\\admin", LockoutKeys.user(none.parse("\\Admİn")));
        assertEquals("\\admin", LockoutKeys.user(none.parse("ADMIN")));
        assertTrue(LockoutKeys.user(none.parse("x".repeat(10_000))).startsWith("sha256:"));
    }

    @Test
    void openWhenStoreOfSchemaV7ThenLockoutsKeptAndNewKindsCounted() {
        db.close();
        Path file = dir.resolve("v7.db");
        org.sqlite.SQLiteDataSource plain = new org.sqlite.SQLiteDataSource();
        plain.setUrl("jdbc:sqlite:" + file);
        org.jdbi.v3.core.Jdbi v7 = org.jdbi.v3.core.Jdbi.create(plain);
        dev.authbridge.store.Migrations.migrate(v7, new dev.authbridge.store.SqliteDialect(file, Duration.ofSeconds(5)), 7);
        long until = clock.instant().plus(Duration.ofMinutes(1)).toEpochMilli();
        v7.useHandle(h -> {
            h.execute("INSERT INTO lockouts (kind, key, strikes, locked_at, locked_until) VALUES ('IP', ?, 1, ?, ?)",
                    IP, clock.instant().toEpochMilli(), until);
            h.execute("INSERT INTO login_failures (kind, key, at) VALUES ('USER', ?, ?)", USER, clock.instant().toEpochMilli());
        });
        db = Database.open(new StoreConfig(file, Duration.ofSeconds(5), Duration.ofMinutes(10)));
        throttle = new LoginThrottle(new SqlLockoutStore(db), CONFIG, clock);

        Lockout kept = throttle.lockout(LockoutKind.USER, USER, IP).orElseThrow();
        assertEquals(LockoutKind.IP, kept.kind());
        assertEquals(null, kept.label());
        assertEquals(1, new SqlLockoutStore(db).failuresSince(LockoutKind.USER, USER, Instant.EPOCH));
        assertTrue(throttle.failed(LockoutKind.CLIENT, "service", "service", "192.0.2.99").isEmpty());
        assertEquals(1, new SqlLockoutStore(db).failuresSince(LockoutKind.CLIENT_IP, "192.0.2.99", Instant.EPOCH),
                "a client's address is counted apart from a password guesser's");
    }

    @Test
    void lockoutWhenStoreReopenedThenStillInForce() {
        fail(3, USER, null);
        db.close();
        open();
        assertTrue(throttle.lockout(LockoutKind.USER, USER, null).isPresent(), "a restart forgets nothing");
    }

    @Test
    void failedWhenManyAtOnceThenExactlyOneLockoutStarts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Lockout>>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            results.add(pool.submit(() -> {
                go.await();
                return throttle.failed(LockoutKind.USER, USER, USER, null);
            }));
        }
        go.countDown();
        int started = 0;
        for (Future<List<Lockout>> f : results) {
            started += f.get().size();
        }
        pool.shutdown();
        assertEquals(1, started);
        assertEquals(1, throttle.lockout(LockoutKind.USER, USER, null).orElseThrow().strikes());
    }

    @Test
    void whenDisabledThenNothingCountedOrLocked() {
        LoginThrottle off = new LoginThrottle(new SqlLockoutStore(db), new LockoutConfig(false, 1, 1,
                Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1)), clock);
        for (int i = 0; i < 5; i++) {
            assertTrue(off.failed(LockoutKind.USER, USER, USER, IP).isEmpty());
        }
        assertFalse(off.lockout(LockoutKind.USER, USER, IP).isPresent());
        assertEquals(0, new SqlLockoutStore(db).failuresSince(LockoutKind.USER, USER, Instant.EPOCH));
    }

    @Test
    void purgeThenOldFailuresAndForgottenLockoutsDeleted() {
        fail(3, USER, null);
        fail(2, "demo\\agent2", null);
        clock.advance(Duration.ofHours(2));
        assertEquals(3, throttle.purge(), "two failures out of the window, one lockout forgotten");
        assertTrue(new SqlLockoutStore(db).find(LockoutKind.USER, USER).isEmpty());
    }
}
