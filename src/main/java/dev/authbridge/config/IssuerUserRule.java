package dev.authbridge.config;

/**
 * How the user a trusted issuer's token names is found in the directory.
 *
 * @param userClaim the claim holding the user's name ({@code sub}, {@code upn},
 *     {@code preferred_username}, {@code email} …)
 * @param userAttribute the directory attribute its value is matched against (AD's
 *     {@code userPrincipalName}; by default {@code directory.users.loginAttribute})
 * @param tenant a domain of the contact center the users belong to; null for users outside
 *     every tenant
 */
public record IssuerUserRule(String userClaim, String userAttribute, String tenant) {}
