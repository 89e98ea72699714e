package dev.authbridge.testing;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;

/** Certificates made for a test run with the UnboundID SDK's {@code ManageCertificates}. */
public final class TestCertificates {
    public static final String PASSWORD = "store-Secret!";
    public static final String ALIAS = "server";

    private TestCertificates() {}

    /**
     * A new PKCS#12 key store (password {@link #PASSWORD}) holding one self-signed EC
     * certificate under alias {@link #ALIAS}, for {@code localhost} and 127.0.0.1.
     */
    public static Path localhost(Path dir, String file) {
        return selfSigned(dir, file, "CN=localhost", "--subject-alternative-name-dns", "localhost",
                "--subject-alternative-name-ip-address", "127.0.0.1");
    }

    public static Path selfSigned(Path dir, String file, String subject, String... extensions) {
        Path keyStore = dir.resolve(file);
        List<String> args = new ArrayList<>(List.of("generate-self-signed-certificate",
                "--keystore", keyStore.toString(), "--keystore-password", PASSWORD,
                "--keystore-type", "PKCS12", "--alias", ALIAS, "--subject-dn", subject,
                "--days-valid", "2", "--key-algorithm", "EC", "--key-size-bits", "256",
                "--signature-algorithm", "SHA256withECDSA"));
        args.addAll(List.of(extensions));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(new ByteArrayInputStream(new byte[0]), output, output,
                args.toArray(String[]::new));
        if (result != ResultCode.SUCCESS) {
            throw new IllegalStateException(output.toString(StandardCharsets.UTF_8));
        }
        return keyStore;
    }

    /** A PKCS#12 trust store (password {@link #PASSWORD}) holding the certificate of each key store. */
    public static Path trustStore(Path dir, String file, Path... keyStores) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (Path keys : keyStores) {
            KeyStore source = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keys)) {
                source.load(in, PASSWORD.toCharArray());
            }
            trust.setCertificateEntry(keys.getFileName().toString(), source.getCertificate(ALIAS));
        }
        Path path = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return path;
    }
}
