package dev.authbridge.bench;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.TenantConfig;
import dev.authbridge.directory.LoginName;
import dev.authbridge.directory.Tenants;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The directory's own limit for exactly what a password grant asks of it — find the user
 * (service-account search), bind as the user, read the user's groups — driven straight through
 * the UnboundID SDK at the same concurrency, each client on its own two connections.
 */
final class DirectoryRate {
    private final AuthbridgeConfig config;
    private final String url;
    private final List<Scenarios.Credentials> users;

    DirectoryRate(AuthbridgeConfig config, String url, List<Scenarios.Credentials> users) {
        this.config = config;
        this.url = url;
        this.users = users;
    }

    LoadRunner.Result run(int concurrency, Duration warmup, Duration measure) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean recording = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(concurrency);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Client c = new Client(i);
            clients.add(c);
            Thread t = new Thread(() -> {
                try {
                    c.loop(running, recording);
                } finally {
                    done.countDown();
                }
            }, "bench-ldap");
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(warmup.toMillis());
        long t0 = System.nanoTime();
        recording.set(true);
        Thread.sleep(measure.toMillis());
        recording.set(false);
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        done.await();
        long ops = 0;
        long errors = 0;
        List<Long> all = new ArrayList<>();
        for (Client c : clients) {
            ops += c.ops;
            errors += c.errors;
            for (int k = 0; k < c.count; k++) {
                all.add(c.latencies[k]);
            }
        }
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new LoadRunner.Result(ops, errors, seconds, sorted);
    }

    private final class Client {
        private final int index;
        long[] latencies = new long[4096];
        int count;
        long ops;
        long errors;

        Client(int index) {
            this.index = index;
        }

        void loop(AtomicBoolean running, AtomicBoolean recording) {
            DirectoryConfig d = config.directory();
            try (LDAPConnection search = connect(); LDAPConnection bind = connect()) {
                if (d.bindDn() != null) {
                    search.bind(d.bindDn(), d.bindPassword().reveal());
                }
                int n = index;
                while (running.get()) {
                    Scenarios.Credentials c = users.get(n++ % users.size());
                    long start = System.nanoTime();
                    boolean ok = authenticate(search, bind, c);
                    long took = System.nanoTime() - start;
                    if (recording.get()) {
                        ops++;
                        errors += ok ? 0 : 1;
                        if (count == latencies.length) {
                            latencies = Arrays.copyOf(latencies, count * 2);
                        }
                        latencies[count++] = took;
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException("directory benchmark client failed: " + e.getMessage(), e);
            }
        }

        private boolean authenticate(LDAPConnection search, LDAPConnection bind, Scenarios.Credentials c) {
            DirectoryConfig d = config.directory();
            try {
                LoginName login = Tenants.of(config).parse(c.user());
                TenantConfig tenant = login.tenant();
                String usersBase = tenant == null ? d.users().baseDn() : tenant.usersBaseDn();
                String groupsBase = tenant == null ? d.groups().baseDn() : tenant.groupsBaseDn();
                SearchRequest find = new SearchRequest(usersBase, SearchScope.SUB,
                        Filter.createANDFilter(d.users().filter(), Filter.createEqualityFilter(d.users().loginAttribute(), login.user())),
                        d.users().loginAttribute(), d.users().idAttribute(), d.users().dbidAttribute(),
                        d.users().emailAttribute(), d.users().givenNameAttribute(), d.users().familyNameAttribute());
                find.setSizeLimit(2);
                SearchResult found = search.search(find);
                if (found.getEntryCount() != 1) {
                    return false;
                }
                String dn = found.getSearchEntries().get(0).getDN();
                bind.bind(dn, c.password());
                SearchResult groups = search.search(new SearchRequest(groupsBase, SearchScope.SUB,
                        Filter.createANDFilter(d.groups().filter(), Filter.createEqualityFilter(d.groups().memberAttribute(), new DN(dn).toString())),
                        d.groups().nameAttribute(), d.groups().privilegesAttribute()));
                return groups.getEntryCount() >= 0;
            } catch (Exception e) {
                return false;
            }
        }

        private LDAPConnection connect() throws Exception {
            LDAPURL u = new LDAPURL(url);
            return new LDAPConnection(u.getHost(), u.getPort());
        }
    }
}
