package dev.authbridge.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The measured workloads: what a contact center's applications ask of authbridge. */
final class Scenarios {
    private static final String TOKEN = "/auth/v3/oauth/token";
    private static final Pattern ACCESS = Pattern.compile("\"access_token\":\"([^\"]+)\"");
    private static final Pattern REFRESH = Pattern.compile("\"refresh_token\":\"([^\"]+)\"");

    /** The HTTP scenarios, in report order (the directory limit is {@link DirectoryRate}). */
    static final List<String> HTTP = List.of("http-ceiling", "password", "refresh", "client_credentials",
            "userinfo", "jwt-userinfo", "jwt-userinfo-eddsa", "mixed");

    record Credentials(String user, String password) {}

    private final String clientAuth;
    private final String edDsaClientAuth;
    private final List<Credentials> users;

    /** @param edDsaClient {@code id:secret} of a client registered with {@code gwsUserAlgorithm: EdDSA} */
    Scenarios(String clientId, String clientSecret, String edDsaClient, List<Credentials> users) {
        this.clientAuth = basic(clientId + ":" + clientSecret);
        this.edDsaClientAuth = basic(edDsaClient);
        this.users = users;
    }

    private static String basic(String idAndSecret) {
        return "Basic " + Base64.getEncoder().encodeToString(idAndSecret.getBytes(StandardCharsets.UTF_8));
    }

    /** Opens clients of one scenario, each on its own keep-alive connection to {@code base}. */
    LoadRunner.ClientFactory clients(String scenario, URI base, String ceilingPath) {
        Map<String, Workload> all = workloads(ceilingPath);
        Workload workload = all.get(scenario);
        if (workload == null) {
            throw new IllegalArgumentException("no HTTP scenario " + scenario);
        }
        return index -> {
            HttpConnection http = new HttpConnection(base);
            try {
                Operation op = workload.client(index, http);
                return new LoadRunner.Client() {
                    @Override
                    public boolean step() throws Exception {
                        return op.run(http);
                    }

                    @Override
                    public void close() {
                        http.close();
                    }
                };
            } catch (Exception e) {
                http.close();
                throw e;
            }
        };
    }

    /** One client's loop body: performs one operation, returns whether it succeeded. */
    interface Operation {
        boolean run(HttpConnection http) throws Exception;
    }

    /** Makes the operation of client {@code index} (a first sign-in, say); called before timing starts. */
    interface Workload {
        Operation client(int index, HttpConnection http) throws Exception;
    }

    private Map<String, Workload> workloads(String ceilingPath) {
        Map<String, Workload> m = new LinkedHashMap<>();
        m.put("http-ceiling", (i, http) -> h -> h.get(ceilingPath, null).status() == 200);
        m.put("password", (i, http) -> {
            int[] n = {i};
            return h -> {
                Credentials c = users.get(n[0]++ % users.size());
                return signIn(h, c) != null;
            };
        });
        m.put("refresh", (i, http) -> {
            String[] refresh = {refreshToken(firstSignIn(http, users.get(i % users.size())))};
            return h -> {
                String body = post(h, "grant_type=refresh_token&refresh_token=" + refresh[0]);
                if (body == null) {
                    return false;
                }
                refresh[0] = refreshToken(body);
                return true;
            };
        });
        m.put("client_credentials", (i, http) -> h -> post(h, "grant_type=client_credentials") != null);
        m.put("userinfo", (i, http) -> {
            String bearer = "Bearer " + accessToken(firstSignIn(http, users.get(i % users.size())));
            return h -> h.get("/auth/v3/userinfo", bearer).status() == 200;
        });
        m.put("jwt-userinfo", (i, http) -> {
            String bearer = "Bearer " + accessToken(firstSignIn(http, users.get(i % users.size())));
            return h -> h.get("/auth/v3/jwt-userinfo", bearer).status() == 200;
        });
        // The same for a client whose services verify EdDSA: its X-GWS-User is signed by Ed25519.
        m.put("jwt-userinfo-eddsa", (i, http) -> {
            String bearer = "Bearer " + accessToken(firstSignIn(http, users.get(i % users.size()), edDsaClientAuth));
            return h -> h.get("/auth/v3/jwt-userinfo", bearer).status() == 200;
        });
        m.put("mixed", (i, http) -> mixed(i, http));
        return m;
    }

    /** 1 sign-in : 4 refreshes : 50 userinfo, in that rhythm, per client. */
    private Operation mixed(int index, HttpConnection first) throws Exception {
        Credentials me = users.get(index % users.size());
        String[] tokens = {firstSignIn(first, me)};
        int[] step = {0};
        return h -> {
            int s = step[0]++ % 55;
            if (s == 0) {
                tokens[0] = signIn(h, me);
                return tokens[0] != null;
            }
            if (s <= 4) {
                String body = post(h, "grant_type=refresh_token&refresh_token=" + refreshToken(tokens[0]));
                if (body != null) {
                    tokens[0] = body;
                }
                return body != null;
            }
            return h.get("/auth/v3/userinfo", "Bearer " + accessToken(tokens[0])).status() == 200;
        };
    }

    /**
     * A client's sign-in before the timing starts: tried three times, a second apart (a server
     * still warming up on a busy machine may answer one late), then a failure naming the answer.
     */
    private String firstSignIn(HttpConnection h, Credentials c) throws Exception {
        return firstSignIn(h, c, clientAuth);
    }

    private String firstSignIn(HttpConnection h, Credentials c, String client) throws Exception {
        HttpConnection.Response r = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            r = h.postForm(TOKEN, client, "grant_type=password&username=" + enc(c.user())
                    + "&password=" + enc(c.password()));
            if (r.status() == 200) {
                return r.body();
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("sign-in of " + c.user() + " failed while preparing the scenario: "
                + r.status() + " " + (r.body().length() > 200 ? r.body().substring(0, 200) : r.body()));
    }

    private String signIn(HttpConnection h, Credentials c) throws Exception {
        return post(h, "grant_type=password&username=" + enc(c.user()) + "&password=" + enc(c.password()));
    }

    private String post(HttpConnection h, String form) throws Exception {
        HttpConnection.Response r = h.postForm(TOKEN, clientAuth, form);
        return r.status() == 200 ? r.body() : null;
    }

    private static String accessToken(String body) {
        return group(ACCESS, body);
    }

    private static String refreshToken(String body) {
        return group(REFRESH, body);
    }

    private static String group(Pattern p, String body) {
        if (body == null) {
            throw new IllegalStateException("sign-in failed while preparing the scenario");
        }
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no token in " + body);
        }
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
