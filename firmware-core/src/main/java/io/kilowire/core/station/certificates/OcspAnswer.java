package io.kilowire.core.station.certificates;

import org.jspecify.annotations.Nullable;

/**
 * The CSMS's answer to GetCertificateStatus: whether it got the OCSP status (not whether the
 * certificate is good, M06 remark) and the DER OCSPResponse in Base64 when it did.
 */
public record OcspAnswer(boolean accepted, @Nullable String ocspResult) {}
