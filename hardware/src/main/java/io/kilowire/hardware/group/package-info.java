/**
 * The charger group's CoAP transport (Eclipse Californium): {@link
 * io.kilowire.hardware.group.GroupNode} runs one member, and the site controller when the group
 * names it, around the pure logic of {@code io.kilowire.core.loadmanagement.group}; {@link
 * io.kilowire.hardware.group.GroupNodeMain} runs a node with a simulated EV as a process. Protocol
 * and design: {@code docs/LOADMANAGEMENT.md}, "Charger groups over CoAP".
 */
@NullMarked
package io.kilowire.hardware.group;

import org.jspecify.annotations.NullMarked;
