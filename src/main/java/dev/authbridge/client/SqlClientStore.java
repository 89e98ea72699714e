package dev.authbridge.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.authbridge.api.Json;
import dev.authbridge.store.Columns;
import dev.authbridge.store.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@link ClientStore} in the {@link Database} (table {@code clients}), one SQL for every
 * engine. Lists are JSON arrays of strings in text columns (read whole, never queried into),
 * lifetimes whole seconds. A creation takes the {@value #LOCK} lock, then counts and inserts in
 * one transaction: the bound holds across instances, and of two creations of one id the primary
 * key lets one through.
 */
public final class SqlClientStore implements ClientStore {
    static final String LOCK = "authbridge clients";
    private static final String COLUMNS = "id, client_type, secret_hash, name, description, grant_types, authorities, "
            + "scope, redirect_uris, contact_center_ids, access_token_ttl, refresh_token_ttl, created_at, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final RowMapper<RegisteredClient> ROW = (rs, ctx) -> new RegisteredClient(
            rs.getString("id"),
            ClientType.valueOf(rs.getString("client_type")),
            rs.getString("secret_hash"),
            rs.getString("name"),
            rs.getString("description"),
            strings(rs, "grant_types"),
            strings(rs, "authorities"),
            strings(rs, "scope"),
            strings(rs, "redirect_uris"),
            Duration.ofSeconds(rs.getLong("access_token_ttl")),
            Duration.ofSeconds(rs.getLong("refresh_token_ttl")),
            strings(rs, "contact_center_ids"),
            false,
            Columns.instant(rs, "created_at"),
            Columns.instant(rs, "updated_at"));

    private final Database db;

    public SqlClientStore(Database db) {
        this.db = db;
    }

    @Override
    public List<RegisteredClient> list() {
        return db.call("listClients", h -> h.createQuery("SELECT " + COLUMNS + " FROM clients ORDER BY id")
                .map(ROW)
                .list());
    }

    @Override
    public Optional<RegisteredClient> find(String id) {
        return db.call("findClient", h -> h.createQuery("SELECT " + COLUMNS + " FROM clients WHERE id = ?")
                .bind(0, id)
                .map(ROW)
                .findOne());
    }

    @Override
    public Insertion insert(RegisteredClient c, int maxClients) {
        return db.write("insertClient", tx -> {
            db.lock(tx, LOCK);
            boolean exists = tx.createQuery("SELECT COUNT(*) FROM clients WHERE id = ?").bind(0, c.id())
                    .mapTo(Integer.class).one() > 0;
            if (exists) {
                return Insertion.EXISTS;
            }
            if (tx.createQuery("SELECT COUNT(*) FROM clients").mapTo(Integer.class).one() >= maxClients) {
                return Insertion.FULL;
            }
            int inserted = tx.execute("INSERT INTO clients (" + COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING", values(c));
            return inserted == 1 ? Insertion.CREATED : Insertion.EXISTS;
        });
    }

    @Override
    public boolean replace(RegisteredClient c) {
        return db.update("replaceClient", "UPDATE clients SET client_type = ?, secret_hash = ?, name = ?, "
                        + "description = ?, grant_types = ?, authorities = ?, scope = ?, redirect_uris = ?, "
                        + "contact_center_ids = ?, access_token_ttl = ?, refresh_token_ttl = ?, updated_at = ? "
                        + "WHERE id = ?",
                c.type().name(), c.secretHash(), c.name(), c.description(), json(c.grantTypes()),
                json(c.authorities()), json(c.scope()), json(c.redirectUris()), json(c.contactCenterIds()),
                c.accessTokenTtl().toSeconds(), c.refreshTokenTtl().toSeconds(), c.updatedAt(), c.id()) == 1;
    }

    @Override
    public boolean delete(String id) {
        return db.update("deleteClient", "DELETE FROM clients WHERE id = ?", id) == 1;
    }

    private static Object[] values(RegisteredClient c) {
        return new Object[] {c.id(), c.type().name(), c.secretHash(), c.name(), c.description(), json(c.grantTypes()),
                json(c.authorities()), json(c.scope()), json(c.redirectUris()), json(c.contactCenterIds()),
                c.accessTokenTtl().toSeconds(), c.refreshTokenTtl().toSeconds(), c.createdAt(), c.updatedAt()};
    }

    private static String json(List<String> values) {
        try {
            return Json.MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        try {
            return List.copyOf(Json.MAPPER.readValue(rs.getString(column), STRINGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("clients." + column + " is not a JSON list of strings", e);
        }
    }
}
