/**
 * The configuration, typed and immutable: {@link dev.authbridge.config.ConfigLoader} reads {@code
 * config.yaml} once at boot into an {@link dev.authbridge.config.AuthbridgeConfig} of records,
 * expanding {@code ${ENV}} references and applying defaults, and validates everything together —
 * {@link dev.authbridge.config.ConfigNode} records every key it reads, so an unknown key and every
 * other problem come back at once, each with its key's path ({@link
 * dev.authbridge.config.ConfigException}). Durations, filters, network ranges and TLS material are
 * parsed here, not where they are used; a {@link dev.authbridge.config.Secret} never prints
 * itself. It depends on no other package of authbridge but {@code name} (tenant domains are
 * compared as typed names are).
 */
package dev.authbridge.config;
