package dev.authbridge.doctor;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.authbridge.config.AuthbridgeConfig;
import dev.authbridge.config.DirectoryConfig;
import dev.authbridge.config.Secret;
import dev.authbridge.directory.DirectoryUser;
import dev.authbridge.directory.LdapDirectory;
import dev.authbridge.directory.LoginName;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every check against the configured directory, in order: each URL (connection, TLS,
 * service bind, features); then, over the first URL that worked, the content survey; then the
 * user asked about. A step that cannot run because an earlier one failed is not reported again.
 */
public final class DirectoryDoctor {

    /**
     * Everything found.
     *
     * @param user the user asked about, as the directory adapter maps them; null when not asked
     *     or not found
     */
    public record Report(List<Finding> findings, DirectoryUser user) {
        public boolean healthy() {
            return findings.stream().noneMatch(f -> f.level() == Finding.Level.FAIL);
        }
    }

    private final AuthbridgeConfig config;
    private final DirectoryConfig directory;
    private final Clock clock;

    /**
     * @param directory the configuration's directory with its real URLs (an embedded one
     *     started); users and groups settings are read from {@code config}, which it shares
     */
    public DirectoryDoctor(AuthbridgeConfig config, DirectoryConfig directory, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.clock = clock;
    }

    /** @param user the user to show, or null; @param password tested when not null */
    public Report examine(LoginName user, Secret password) {
        List<Finding> findings = new ArrayList<>();
        ServerProbe probe = new ServerProbe(directory, clock);
        LDAPConnection working = null;
        ServerFeatures features = null;
        for (String url : directory.urls()) {
            ServerProbe.Result result = probe.probe(url);
            findings.addAll(result.findings());
            if (result.connection() != null) {
                if (working == null) {
                    working = result.connection();
                    features = result.features();
                } else {
                    result.connection().close();
                }
            }
        }
        if (working == null) {
            return new Report(findings, null);
        }
        try (LDAPConnection connection = working) {
            findings.addAll(new ContentSurvey(config, connection, features).survey());
            DirectoryUser found = null;
            if (user != null) {
                try (LdapDirectory adapter = new LdapDirectory(directory, config.tenants())) {
                    UserProbe.Result result = new UserProbe(config, adapter, connection).probe(user, password);
                    findings.addAll(result.findings());
                    found = result.user();
                }
            }
            return new Report(findings, found);
        }
    }
}
