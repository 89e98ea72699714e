package dev.authbridge.federation;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.authbridge.config.IssuerKeysConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's JWK set fetched from its URL and cached: fresh for what the answer's {@code
 * Cache-Control} says, within [{@link #MIN_CACHE}, {@link #MAX_CACHE}] ({@link #DEFAULT_CACHE} when
 * it says nothing); fetched again when it is stale or holds no key for a token. Fetches are
 * rate-limited: at most one per {@code minRefreshInterval}, whatever the cause, so tokens with
 * random {@code kid}s cannot make authbridge hammer the identity provider (they are refused as
 * {@link UnknownKeyException} from the keys at hand), and one fetch at a time.
 *
 * <p>Outages: a stale set that cannot be replaced keeps serving up to {@link #OUTAGE_TOLERANCE}
 * past its freshness; with no set at all (never fetched, or beyond that), a token cannot be
 * judged: {@link KeysUnavailableException}.
 *
 * <p>Why not nimbus's {@code JWKSourceBuilder}: its cache lives a fixed time (no {@code
 * Cache-Control}), its rate limit lets two fetches through per interval, and it reads the system
 * clock; this class uses nimbus for everything else (parsing, selecting keys, verifying).
 */
final class RemoteJwks implements JWKSource<SecurityContext> {
    static final Duration MIN_CACHE = Duration.ofMinutes(1);
    static final Duration MAX_CACHE = Duration.ofDays(1);
    static final Duration DEFAULT_CACHE = Duration.ofMinutes(15);
    static final Duration OUTAGE_TOLERANCE = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(RemoteJwks.class);

    private final String issuer;
    private final IssuerKeysConfig.Remote config;
    private final JwksFetcher fetcher;
    private final Clock clock;
    /** Held by the one thread fetching; others wait at most one fetch's time, or not at all with keys at hand. */
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile String lastFailure = "not fetched yet";
    private Instant lastAttempt;

    /** A set as fetched, fresh until {@code freshUntil}. */
    private record Snapshot(JWKSet keys, Instant freshUntil) {
        boolean isFresh(Instant now) {
            return now.isBefore(freshUntil);
        }

        boolean isUsable(Instant now) {
            return now.isBefore(freshUntil.plus(OUTAGE_TOLERANCE));
        }
    }

    RemoteJwks(String issuer, IssuerKeysConfig.Remote config, Clock clock) {
        this.issuer = issuer;
        this.config = config;
        this.fetcher = new JwksFetcher(config);
        this.clock = clock;
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        Snapshot seen = snapshot;
        if (seen != null && seen.isFresh(clock.instant())) {
            List<JWK> found = selector.select(seen.keys());
            if (!found.isEmpty()) {
                return found;
            }
        }
        Snapshot current = refresh(seen);
        if (current == null || !current.isUsable(clock.instant())) {
            String failure = lastFailure;
            throw new KeysUnavailableException(failure == null ? "no usable keys at hand" : failure);
        }
        List<JWK> found = selector.select(current.keys());
        if (found.isEmpty()) {
            throw new UnknownKeyException();
        }
        return found;
    }

    /**
     * Fetches the set again, unless another thread did since {@code seen} was read or the rate
     * limit forbids it; returns the set to judge by (null: none).
     */
    private Snapshot refresh(Snapshot seen) {
        if (!lock(seen != null && seen.isUsable(clock.instant()))) {
            return snapshot;
        }
        try {
            Snapshot current = snapshot;
            Instant now = clock.instant();
            if (current != seen || (lastAttempt != null && now.isBefore(lastAttempt.plus(config.minRefreshInterval())))) {
                return current;
            }
            lastAttempt = now;
            try {
                JwksFetcher.Fetched fetched = fetcher.fetch();
                Snapshot next = new Snapshot(fetched.keys(), now.plus(cacheTime(fetched.freshFor())));
                snapshot = next;
                lastFailure = null;
                if (fetched.keys().isEmpty()) {
                    log.warn("trusted issuer {}: its JWK set {} holds no key that can verify a signature", issuer,
                            config.url());
                }
                return next;
            } catch (JwksFetcher.FetchFailedException e) {
                lastFailure = e.getMessage();
                log.warn("trusted issuer {}: cannot fetch its JWK set {}: {}; {}, next attempt in {} s at the earliest",
                        issuer, config.url(), e.getMessage(), current == null ? "no keys at hand" : "keeping the keys at hand",
                        config.minRefreshInterval().toSeconds());
                return current;
            }
        } finally {
            fetching.unlock();
        }
    }

    /** With usable keys at hand nobody waits for a fetch; without, at most as long as one fetch takes. */
    private boolean lock(boolean keysAtHand) {
        if (keysAtHand) {
            return fetching.tryLock();
        }
        try {
            long wait = config.connectTimeout().plus(config.readTimeout()).toMillis();
            return fetching.tryLock(wait, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration cacheTime(Duration freshFor) {
        if (freshFor == null) {
            return DEFAULT_CACHE;
        }
        return freshFor.compareTo(MIN_CACHE) < 0 ? MIN_CACHE : freshFor.compareTo(MAX_CACHE) > 0 ? MAX_CACHE : freshFor;
    }
}
