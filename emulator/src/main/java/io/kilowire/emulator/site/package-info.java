/**
 * Site simulation: the site description ({@code --site FILE}, YAML or JSON), the building load, and
 * the loop that meters the site and lets the core's load balancer share its grid connection among
 * the emulated stations' EVSEs.
 */
@NullMarked
package io.kilowire.emulator.site;

import org.jspecify.annotations.NullMarked;
