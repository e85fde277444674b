/**
 * Chargers sharing one site limit without a CSMS: the group's configuration ({@link
 * io.kilowire.core.loadmanagement.group.GroupConfig}), the member side ({@link
 * io.kilowire.core.loadmanagement.group.GroupMember}: follow leased allocations, fall back to the
 * pre-agreed safe share when the controller falls silent) and the controller side ({@link
 * io.kilowire.core.loadmanagement.group.GroupController}: gather demands, allocate with the {@link
 * io.kilowire.core.loadmanagement.LoadBalancer}, decrease at once and increase only within what is
 * free when every member not yet switched is counted at its highest possible value). Pure: time is
 * passed in, messages are values; the CoAP transport lives in the {@code hardware} module. See
 * {@code docs/LOADMANAGEMENT.md}, "Charger groups over CoAP".
 */
@NullMarked
package io.kilowire.core.loadmanagement.group;

import org.jspecify.annotations.NullMarked;
