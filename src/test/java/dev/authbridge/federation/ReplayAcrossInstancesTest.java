package dev.authbridge.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.authbridge.store.Database;
import dev.authbridge.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two authbridge instances on one store (two {@link Database}s on one SQLite file, each with its
 * own {@link TrustedIssuers}): an assertion used on one is a replay on the other, and of sixteen
 * presentations at once across both, exactly one is accepted.
 */
class ReplayAcrossInstancesTest extends TrustedIssuerFixture {
    private Database peerDb;
    private TrustedIssuers first;
    private TrustedIssuers second;

    @BeforeEach
    void twoInstances() {
        peerDb = Database.open(storeFile());
        first = issuers(db, IssuerConfigBuilder.of(idp).build());
        second = issuers(peerDb, IssuerConfigBuilder.of(idp).build());
    }

    @AfterEach
    void closePeer() {
        peerDb.close();
    }

    @Test
    void verifyWhenUsedOnOneInstanceThenReplayedOnTheOther() {
        String token = idp.sign(claims().build());

        verified(first.verify(token));

        assertEquals(RefusalReason.REPLAYED, reason(second.verify(token)));
        assertEquals(RefusalReason.REPLAYED, reason(first.verify(token)));
    }

    @Test
    void verifyWhenSixteenPresentAtOnceOnTwoInstancesThenExactlyOneAccepted() {
        for (int round = 0; round < 3; round++) {
            String token = idp.sign(claims().build());
            List<Callable<AssertionResult>> presentations = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                TrustedIssuers instance = i % 2 == 0 ? first : second;
                presentations.add(() -> instance.verify(token));
            }

            List<AssertionResult> results = Race.run(presentations);

            assertEquals(1, results.stream().filter(r -> r instanceof VerifiedAssertion).count(), "round " + round);
            assertEquals(15, results.stream().filter(r -> r instanceof AssertionRefusal refusal
                    && refusal.reason() == RefusalReason.REPLAYED).count(), "round " + round);
        }
    }
}
