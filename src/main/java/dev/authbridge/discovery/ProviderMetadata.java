package dev.authbridge.discovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The provider metadata document (<a href="https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata">OIDC
 * Discovery §3</a>, <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 §2</a>).
 * {@code end_session_endpoint} is OpenID Connect RP-Initiated Logout 1.0 §2.1. Parameters whose
 * default would be wrong are stated explicitly (e.g. {@code request_uri_parameter_supported}
 * defaults to true).
 */
public record ProviderMetadata(
        String issuer,
        @JsonProperty("authorization_endpoint") String authorizationEndpoint,
        @JsonProperty("token_endpoint") String tokenEndpoint,
        @JsonProperty("userinfo_endpoint") String userinfoEndpoint,
        @JsonProperty("jwks_uri") String jwksUri,
        @JsonProperty("revocation_endpoint") String revocationEndpoint,
        @JsonProperty("introspection_endpoint") String introspectionEndpoint,
        @JsonProperty("end_session_endpoint") String endSessionEndpoint,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("response_types_supported") List<String> responseTypesSupported,
        @JsonProperty("response_modes_supported") List<String> responseModesSupported,
        @JsonProperty("grant_types_supported") List<String> grantTypesSupported,
        @JsonProperty("subject_types_supported") List<String> subjectTypesSupported,
        @JsonProperty("id_token_signing_alg_values_supported") List<String> idTokenSigningAlgValuesSupported,
        @JsonProperty("token_endpoint_auth_methods_supported") List<String> tokenEndpointAuthMethodsSupported,
        @JsonProperty("revocation_endpoint_auth_methods_supported") List<String> revocationEndpointAuthMethodsSupported,
        @JsonProperty("introspection_endpoint_auth_methods_supported") List<String> introspectionEndpointAuthMethodsSupported,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported,
        @JsonProperty("claims_supported") List<String> claimsSupported,
        @JsonProperty("authorization_response_iss_parameter_supported") boolean authorizationResponseIssParameterSupported,
        @JsonProperty("claims_parameter_supported") boolean claimsParameterSupported,
        @JsonProperty("request_parameter_supported") boolean requestParameterSupported,
        @JsonProperty("request_uri_parameter_supported") boolean requestUriParameterSupported) {}
