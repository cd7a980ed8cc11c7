// Test fixture: a macro as the update site ships it in macros/.
requires("1.54p");
print("GANomaly for Fiji: macro installed from the update site");
