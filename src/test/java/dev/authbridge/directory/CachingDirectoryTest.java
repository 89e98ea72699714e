package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import dev.authbridge.config.Secret;
import dev.authbridge.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users read for token checks are reused for the TTL, dropped by {@code forget} and refreshed by
 * a sign-in; proven by changing the entry in a real directory behind the cache's back.
 */
class CachingDirectoryTest {
    private static final String AGENT1 = "uid=agent1,ou=people,ou=demo,dc=example,dc=com";

    private EmbeddedDirectoryServer server;
    private LdapDirectory ldap;
    private CachingDirectory cache;
    private final MutableClock clock = MutableClock.now();

    @BeforeEach
    void start() {
        server = EmbeddedDirectoryServer.start(DemoFixtures.embedded(0));
        ldap = new LdapDirectory(DemoFixtures.config(server.ldapUrl()), DemoFixtures.TENANTS);
        cache = new CachingDirectory(ldap, Duration.ofSeconds(30), clock);
    }

    @AfterEach
    void stop() {
        ldap.close();
        server.close();
    }

    private void retitle(String title) throws Exception {
        server.server().modify(AGENT1, new Modification(ModificationType.REPLACE, "title", title));
    }

    private String title() {
        return cache.findByDn(AGENT1).orElseThrow().properties().get("title");
    }

    @Test
    void findByDnWhenWithinTtlThenCachedAndAfterTtlThenReadAgain() throws Exception {
        String before = title();
        retitle("Team lead");
        assertEquals(before, title());
        clock.advance(Duration.ofSeconds(31));
        assertEquals("Team lead", title());
    }

    @Test
    void forgetWhenUserSignedOutThenNextReadGoesToDirectory() throws Exception {
        String id = cache.findByDn(AGENT1).orElseThrow().id();
        retitle("Team lead");
        cache.forget(id);
        assertEquals("Team lead", title());
    }

    @Test
    void authenticateWhenSignedInThenCacheRefreshed() throws Exception {
        title();
        retitle("Team lead");
        assertInstanceOf(AuthResult.Authenticated.class,
                cache.authenticate(DemoFixtures.NAMES.parse("demo\\agent1"), new Secret("agent1-Secret!")));
        assertEquals("Team lead", title());
    }

    /** A sign-in with an assertion always asks the directory, and what it says is then cached. */
    @Test
    void lookUpWhenCachedThenAskedAllTheSameAndCacheRefreshed() throws Exception {
        title();
        retitle("Team lead");
        DirectoryUser found = assertInstanceOf(AuthResult.Authenticated.class,
                cache.lookUp(DemoFixtures.DEMO, "mail", "agent1@demo.example.com")).user();
        assertEquals("Team lead", found.properties().get("title"));
        assertEquals("Team lead", title());
    }

    @Test
    void findByDnWhenUserDeletedAfterTtlThenEmpty() throws Exception {
        title();
        server.server().delete(AGENT1);
        clock.advance(Duration.ofSeconds(31));
        assertEquals(java.util.Optional.empty(), cache.findByDn(AGENT1));
    }

    @Test
    void findByDnWhenTtlZeroThenNeverCached() throws Exception {
        CachingDirectory uncached = new CachingDirectory(ldap, Duration.ZERO, clock);
        uncached.findByDn(AGENT1);
        retitle("Team lead");
        assertEquals("Team lead", uncached.findByDn(AGENT1).orElseThrow().properties().get("title"));
    }
}
