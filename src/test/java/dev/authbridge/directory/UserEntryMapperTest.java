package dev.authbridge.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Active Directory's binary objectGUID becomes the UUID string AD's own tools print. */
class UserEntryMapperTest {

    @Test
    void activeDirectoryGuidWhenRawBytesThenMixedEndianUuid() {
        // {01234567-89ab-cdef-0123-456789abcdef} as AD stores it (MS-DTYP 2.3.4.2)
        byte[] raw = HexFormat.of().parseHex("67452301ab89efcd0123456789abcdef");
        assertEquals("01234567-89ab-cdef-0123-456789abcdef", UserEntryMapper.activeDirectoryGuid(raw));
    }
}
