"""The heat pump the tests, the example and the benchmark share: a displacement compressor with an
isentropic efficiency, a water-cooled moving-boundary condenser (30 C water), a TXV holding 5 K of
superheat and an air-heated moving-boundary evaporator (the outdoor air)."""

import entropyk


def heat_pump(refrigerant: str = "R410A", backend: str = "eos", outdoor: float = 280.15) -> entropyk.Cycle:
    c = entropyk.Cycle(refrigerant, backend)
    c.add(entropyk.IsentropicCompressor(name="compressor", flow_law="displacement", isentropic_efficiency=0.7,
                                        displacement=3.0e-5, speed=50.0, volumetric_efficiency=0.92))
    c.add(entropyk.Condenser(name="condenser", model="moving_boundary", UA=1500.0, secondary="water",
                             arrangement="counter_flow", secondary_inlet_temperature=303.15, secondary_mass_flow=0.25,
                             subcooling_specified=1, subcooling=3.0))
    c.add(entropyk.ExpansionValve(name="valve", mode="fixed_superheat", superheat=5.0))
    c.add(entropyk.Evaporator(name="evaporator", model="moving_boundary", UA=1200.0, secondary="air",
                              arrangement="cross_flow", secondary_inlet_temperature=outdoor, secondary_mass_flow=0.8))
    c.connect("compressor", "condenser", "valve", "evaporator", "compressor")
    return c
