package dev.authbridge.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.net.URL;
import java.text.ParseException;
import java.util.Set;

/**
 * A third-party resource server / relying party that knows only the issuer URL: it resolves
 * the discovery document with the Nimbus OAuth 2.0/OIDC SDK, fetches the JWK set over HTTP and
 * verifies tokens with Nimbus' processors. Shares no code with authbridge's signer.
 */
final class ResourceServer {
    final OIDCProviderMetadata metadata;
    final JWSAlgorithm algorithm;
    private final JWKSource<SecurityContext> keys;

    private ResourceServer(OIDCProviderMetadata metadata, URL jwks) {
        this.metadata = metadata;
        this.algorithm = metadata.getIDTokenJWSAlgs().get(0);
        this.keys = JWKSourceBuilder.<SecurityContext>create(jwks).retrying(false).build();
    }

    /** Resolves {@code issuer + /.well-known/openid-configuration} (the SDK checks the issuer matches). */
    static ResourceServer discover(String issuer) throws Exception {
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(issuer));
        return new ResourceServer(metadata, metadata.getJWKSetURI().toURL());
    }

    /** For a document whose issuer is not reachable (a public URL behind a proxy): fetched from {@code jwks}. */
    static ResourceServer of(OIDCProviderMetadata metadata, URL jwks) {
        return new ResourceServer(metadata, jwks);
    }

    String issuer() {
        return metadata.getIssuer().getValue();
    }

    /** Verifies signature (key by {@code kid} from the JWK set), {@code iss}, {@code aud} and expiry. */
    JWTClaimsSet verify(String jwt, String audience) throws ParseException, BadJOSEException, JOSEException {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithm, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer()).build(), Set.of("sub", "iat", "exp", "jti")));
        return processor.process(jwt, null);
    }

    /** OIDC Core §3.1.3.7 validation of an id token, by the SDK's own validator. */
    IDTokenClaimsSet validateIdToken(String idToken, String clientId, Nonce nonce) throws Exception {
        IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(clientId), algorithm,
                metadata.getJWKSetURI().toURL());
        return validator.validate(JWTParser.parse(idToken), nonce);
    }
}
