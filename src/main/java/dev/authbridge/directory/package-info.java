/**
 * The directory port and its LDAP adapter: where users, their passwords and their roles come
 * from.
 *
 * <p>{@link dev.authbridge.directory.Directory} is the port the rest of authbridge calls; a
 * password check is two steps through it ({@code locate}, then {@code authenticate} the
 * {@link dev.authbridge.directory.Account}), so the lockout can key the check by the account.
 * {@link dev.authbridge.directory.Tenants} reads what users type (<code>tenant&#92;user</code>)
 * into {@link dev.authbridge.directory.LoginName}s in the canonical form names are compared in
 * ({@code name.NameForm}).
 * {@link dev.authbridge.directory.LdapDirectory} implements it with the UnboundID LDAP SDK: it
 * searches as a service account on one connection pool, checks passwords by binding as the user
 * on a second pool that never serves searches, and maps entries and group memberships to
 * {@link dev.authbridge.directory.DirectoryUser}. Every method has three outcomes: an answer, a
 * refusal, or {@link dev.authbridge.directory.DirectoryUnavailableException} when the directory
 * cannot be reached in time (the web layer answers 503). User binds ask for the draft-behera
 * password-policy control; its answers and Active Directory's sub-codes become
 * {@link dev.authbridge.directory.AuthResult} variants (warnings, account states told only once
 * the password proved right) in one vocabulary, {@link dev.authbridge.directory.PasswordReason}.
 * {@link dev.authbridge.directory.PasswordChanger} changes passwords as the user, with the
 * strategy the directory's root DSE calls for (Password Modify, a modify, Active Directory's
 * {@code unicodePwd}).
 * {@link dev.authbridge.directory.DirectoryDeadline} bounds each directory call, every wait in
 * it included, by {@code connectTimeout + responseTimeout}.
 * {@link dev.authbridge.directory.EmbeddedDirectoryServer} runs an in-memory directory for the
 * demo, loaded from the same LDIF (schema included) that an OpenLDAP server would load, and
 * answering only what authbridge needs ({@code EmbeddedDirectoryAccess}): passwords are never
 * read back from it.
 */
package dev.authbridge.directory;
