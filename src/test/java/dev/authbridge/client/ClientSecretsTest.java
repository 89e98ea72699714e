package dev.authbridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbridge.config.ClientSecret;
import org.junit.jupiter.api.Test;

/** bcrypt hashes of client secrets, and the digest remembered after bcrypt accepted one. */
class ClientSecretsTest {
    private final ClientSecrets secrets = new ClientSecrets(4);

    @Test
    void hashWhenShippedCostThenCost10AndSaltedEachTime() {
        ClientSecrets shipped = new ClientSecrets();
        String first = shipped.hash("the-Secret-1");
        assertTrue(first.startsWith("$2a$10$"), first);
        assertNotEquals(first, shipped.hash("the-Secret-1"), "a fresh salt each time");
    }

    @Test
    void matchesWhenCheckedAgainThenStillOnlyTheRightSecret() {
        ClientSecret secret = secrets.verifier(secrets.hash("the-Secret-1"));

        assertTrue(secret.matches("the-Secret-1"));
        assertTrue(secret.matches("the-Secret-1"), "remembered: the same answer");
        assertFalse(secret.matches("the-Secret-2"));
        assertFalse(secret.matches("the-Secret-1 "));
        assertFalse(secret.matches(null));
    }

    @Test
    void matchesWhenHashReplacedThenTheOldSecretIsRefused() {
        ClientSecret old = secrets.verifier(secrets.hash("old-Secret-1"));
        assertTrue(old.matches("old-Secret-1"));

        ClientSecret rotated = secrets.verifier(secrets.hash("new-Secret-2"));

        assertFalse(rotated.matches("old-Secret-1"), "remembered per hash, never per client");
        assertTrue(rotated.matches("new-Secret-2"));
    }

    @Test
    void matchesWhenHashDamagedOrSecretTooLongThenFalseNeverThrows() {
        assertFalse(secrets.verifier("not-a-bcrypt-hash").matches("anything"));
        assertFalse(secrets.verifier(null).matches("anything"));
        assertFalse(secrets.verifier(secrets.hash("x".repeat(72))).matches("x".repeat(73)));
        assertThrows(IllegalArgumentException.class, () -> secrets.hash("x".repeat(73)));
    }

    @Test
    void generateWhenCalledThen256BitsBase64Url() {
        String a = secrets.generate();
        assertEquals(43, a.length());
        assertTrue(a.matches("[A-Za-z0-9_-]+"), a);
        assertNotEquals(a, secrets.generate());
        assertEquals("****", secrets.verifier(secrets.hash(a)).toString());
    }
}
