package dev.authbridge.testing;

import dev.authbridge.config.EmbeddedConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The project's demo directory ({@code ldif/*.ldif}) in a private {@link Slapd}.
 *
 * <p>Files are taken in name order; a file whose first entry is under
 * {@code cn=schema,cn=config} is a schema file (loaded into cn=config before start), every other
 * file is data (added over LDAP as the rootDN after start).
 */
public final class DemoDirectory {

    public static final String SUFFIX = "dc=example,dc=com";
    /** The service account authbridge searches with ({@code directory.bindDn} of the demo). */
    public static final String SERVICE_DN = "cn=authbridge,ou=system," + SUFFIX;
    public static final String SERVICE_PASSWORD = "authbridge-service-Secret!";
    /** The demo's {@code \admin}: an administrator of the embedded directory where a test says so. */
    public static final String ADMIN_DN = "uid=admin,ou=people," + SUFFIX;
    public static final String ADMIN_PASSWORD = "admin-Secret!";

    private static final Pattern FIRST_DN = Pattern.compile("(?im)^dn:[ \t]*(.*)$");

    private DemoDirectory() {}

    /** Starts slapd for {@link #SUFFIX} with the demo schema and data loaded. */
    public static Slapd start() {
        return start(Slapd.options());
    }

    /** As {@link #start()}, on top of {@code options} (modules, overlays, ...). */
    public static Slapd start(Slapd.Options options) {
        return start(options, ldifFiles());
    }

    /**
     * Starts slapd for {@link #SUFFIX} on top of {@code options} with the given LDIF files: schema
     * files go into cn=config, the others are added over LDAP, each group in the given order.
     */
    public static Slapd start(Slapd.Options options, List<Path> ldifFiles) {
        List<Path> schemas = ldifFiles.stream().filter(DemoDirectory::isSchema).toList();
        List<Path> data = ldifFiles.stream().filter(file -> !isSchema(file)).toList();
        Slapd slapd = Slapd.start(options.suffix(SUFFIX).schema(schemas.toArray(Path[]::new)));
        try {
            slapd.load(data.toArray(Path[]::new));
            return slapd;
        } catch (RuntimeException e) {
            slapd.stop();
            throw e;
        }
    }

    /**
     * The embedded directory seeded with {@link #ldifFiles()} on {@code port} (0: any), searched
     * by {@link #SERVICE_DN}, writable by {@code administrators}.
     */
    public static EmbeddedConfig embedded(int port, String... administrators) {
        return new EmbeddedConfig(port, SUFFIX, ldifFiles(), SERVICE_DN, List.of(administrators));
    }

    /** The {@code ldif/} directory of the project (found from the working directory upwards). */
    public static Path ldifDir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("ldif");
            if (Files.isDirectory(candidate) && Files.exists(dir.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ldif/ directory next to a pom.xml above "
                + Path.of("").toAbsolutePath());
    }

    public static List<Path> schemaFiles() {
        return ldifFiles().stream().filter(DemoDirectory::isSchema).toList();
    }

    public static List<Path> dataFiles() {
        return ldifFiles().stream().filter(file -> !isSchema(file)).toList();
    }

    /** Every {@code ldif/*.ldif}, in name order. */
    public static List<Path> ldifFiles() {
        try (Stream<Path> files = Files.list(ldifDir())) {
            return files.filter(file -> file.getFileName().toString().endsWith(".ldif"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isSchema(Path file) {
        try {
            Matcher dn = FIRST_DN.matcher(Files.readString(file, StandardCharsets.UTF_8));
            return dn.find()
                    && dn.group(1).strip().toLowerCase(Locale.ROOT).endsWith(",cn=schema,cn=config");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
