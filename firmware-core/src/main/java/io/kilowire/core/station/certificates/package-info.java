/**
 * The station's certificates: the CA certificates a CSMS installs (trust anchors for the CSMS
 * connection, firmware signatures and ISO 15118), the station's own key pair and certificate (a
 * signing request to the CSMS, the signed chain checked and kept, renewed before it expires), the
 * security events these raise, and the ISO 15118 certificate requests passed through to the CSMS.
 */
@NullMarked
package io.kilowire.core.station.certificates;

import org.jspecify.annotations.NullMarked;
