/**
 * The one form in which names are compared ({@link dev.authbridge.name.NameForm}): what LDAP's
 * matching rules make of a string (RFC 4518), for typed user names and tenant domains alike. It
 * depends on nothing, so the configuration can validate domains in it and the directory can read
 * user names in it without either importing the other.
 */
package dev.authbridge.name;
