package dev.authbridge.directory;

/**
 * A user a password test created for itself (so no other test sees its password change).
 *
 * @param login as typed: <code>tenant&#92;name</code>
 */
record TestUser(String login, String dn, String password) {

    TestUser withPassword(String newPassword) {
        return new TestUser(login, dn, newPassword);
    }
}
