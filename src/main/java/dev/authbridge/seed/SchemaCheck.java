package dev.authbridge.seed;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Whether the server already knows the schema the LDIF's schema entries define. {@code seed}
 * never writes a server's schema: on OpenLDAP that is {@code cn=config}, which belongs to the
 * server's administrator; it stops before writing any entry that would then be refused.
 */
final class SchemaCheck {
    private SchemaCheck() {}

    /** One problem line per definition the server lacks. */
    static List<String> missing(LdifContent content, Schema schema) {
        List<String> problems = new ArrayList<>();
        String files = content.schemaFiles().stream().map(Path::toString).collect(Collectors.joining(" "));
        String fix = " — fix: load " + files + " into the server's schema first (OpenLDAP: ldapadd -Y EXTERNAL -H ldapi:/// -f "
                + files + ")";
        for (String text : content.attributeTypes()) {
            try {
                AttributeTypeDefinition type = new AttributeTypeDefinition(text);
                if (schema.getAttributeType(type.getOID()) == null && schema.getAttributeType(type.getNameOrOID()) == null) {
                    problems.add("schema: attribute type " + type.getNameOrOID() + " (" + type.getOID()
                            + ") is not in the server's schema" + fix);
                }
            } catch (LDAPException e) {
                problems.add("schema: cannot parse the attribute type '" + text + "' — fix: correct " + files);
            }
        }
        for (String text : content.objectClasses()) {
            try {
                ObjectClassDefinition oc = new ObjectClassDefinition(text);
                if (schema.getObjectClass(oc.getOID()) == null && schema.getObjectClass(oc.getNameOrOID()) == null) {
                    problems.add("schema: object class " + oc.getNameOrOID() + " (" + oc.getOID()
                            + ") is not in the server's schema" + fix);
                }
            } catch (LDAPException e) {
                problems.add("schema: cannot parse the object class '" + text + "' — fix: correct " + files);
            }
        }
        return problems;
    }
}
