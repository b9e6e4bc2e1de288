/**
 * What every module needs and no module owns: the embedded database, security, layout,
 * errors, the clock and the demo accounts.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.fengqiao.platform;
