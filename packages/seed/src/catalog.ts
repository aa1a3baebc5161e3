import { MASTER_DATA_FROM, instant } from './clock.ts';
import type {
  BomDef,
  CharacteristicDef,
  ItemDef,
  PlantDef,
  RevisionDef,
  StepDef,
  SupplierDef,
} from './catalog-types.ts';

/** The demo's plants. */
export const PLANTS = {
  lyon: {
    id: 'plant-lyon',
    code: 'LYO',
    name: 'Lyon pump works',
    timezone: 'Europe/Paris',
    inspectors: ['C. Moreau', 'L. Girard', 'A. Benali'],
  },
  monterrey: {
    id: 'plant-monterrey',
    code: 'MTY',
    name: 'Monterrey assembly plant',
    timezone: 'America/Monterrey',
    inspectors: ['M. Garza', 'J. Treviño', 'R. Salinas'],
  },
} as const satisfies Record<string, PlantDef>;

export const SUPPLIERS: readonly SupplierDef[] = [
  {
    id: 'supplier-acieries-rhone',
    code: 'ACR',
    name: 'Aciéries du Rhône',
    country: 'FR',
    lotPrefix: 'AR-',
  },
  {
    id: 'supplier-fundicion-norte',
    code: 'FDN',
    name: 'Fundición del Norte',
    country: 'MX',
    lotPrefix: 'FN',
  },
  {
    id: 'supplier-nordic-polymers',
    code: 'NPO',
    name: 'Nordic Polymers AB',
    country: 'SE',
    lotPrefix: 'NP/',
  },
  {
    id: 'supplier-bavaria-bearings',
    code: 'BVB',
    name: 'Bavaria Wälzlager GmbH',
    country: 'DE',
    lotPrefix: 'BW',
  },
  {
    id: 'supplier-kansai-wire',
    code: 'KSW',
    name: 'Kansai Electric Wire Co.',
    country: 'JP',
    lotPrefix: 'KS',
  },
  {
    id: 'supplier-alpine-fasteners',
    code: 'ALF',
    name: 'Alpine Fasteners SA',
    country: 'CH',
    lotPrefix: 'AF',
  },
];

function ch(
  code: string,
  name: string,
  uom: string,
  limits: { lower?: string; upper?: string; target?: string },
  decimals: number,
  sd: number,
  mean?: number,
): CharacteristicDef {
  return {
    code,
    name,
    uom,
    lower: limits.lower ?? null,
    upper: limits.upper ?? null,
    target: limits.target ?? null,
    decimals,
    sd,
    ...(mean === undefined ? {} : { mean }),
  };
}

interface Design {
  readonly bom: BomDef | null;
  readonly routing: readonly StepDef[] | null;
}

const PURCHASED: Design = { bom: null, routing: null };

/**
 * Revision A (released before the order history, now obsolete) and B (released at `changeAt`),
 * plus an optional later draft C that no order may use.
 */
function engineering(spec: {
  changeAt: string;
  ecn: readonly [string, string];
  a: Design;
  b: Design;
  draft?: { from: string; ecn: string; design: Design };
}): RevisionDef[] {
  const change = instant(spec.changeAt);
  const revisions: RevisionDef[] = [
    {
      revision: 'A',
      changeNumber: spec.ecn[0],
      status: 'OBSOLETE',
      effectiveFrom: MASTER_DATA_FROM,
      effectiveTo: change,
      ...spec.a,
    },
    {
      revision: 'B',
      changeNumber: spec.ecn[1],
      status: 'RELEASED',
      effectiveFrom: change,
      effectiveTo: null,
      ...spec.b,
    },
  ];
  if (spec.draft) {
    revisions.push({
      revision: 'C',
      changeNumber: spec.draft.ecn,
      status: 'DRAFT',
      effectiveFrom: instant(spec.draft.from),
      effectiveTo: null,
      ...spec.draft.design,
    });
  }
  return revisions;
}

function bom(baseQuantity: string, lines: readonly (readonly [string, string, string])[]): BomDef {
  return {
    baseQuantity,
    lines: lines.map(([component, quantity, uom]) => ({ component, quantity, uom })),
  };
}

function step(
  code: string,
  description: string,
  workCenter: string,
  minutes: string,
  inspection?: 'IN_PROCESS' | 'FINAL',
): StepDef {
  return { code, description, workCenter, minutes, ...(inspection ? { inspection } : {}) };
}

function raw(
  item: Omit<ItemDef, 'type' | 'make' | 'revisions' | 'tracking'> & {
    tracking?: ItemDef['tracking'];
    changeAt: string;
    ecn: readonly [string, string];
  },
): ItemDef {
  const { changeAt, ecn, ...rest } = item;
  return {
    tracking: 'LOT',
    ...rest,
    type: 'RAW_MATERIAL',
    make: null,
    revisions: engineering({ changeAt, ecn, a: PURCHASED, b: PURCHASED }),
  };
}

const SHAFT_ROUTING = [
  step('SAW', 'Cut bar to length', 'SAW-01', '1.5'),
  step('TURN', 'CNC turn shaft', 'CNC-TURN-01', '6.5'),
  step('GRIND', 'Grind bearing seats', 'GRIND-02', '4.0', 'IN_PROCESS'),
  step('WASH', 'Wash and preserve', 'WASH-01', '0.8'),
];
const ROTOR_ROUTING = [
  step('PRESS', 'Press bearings onto shaft', 'ASSY-01', '3.0'),
  step('BAL', 'Dynamic balancing', 'BAL-01', '5.0', 'IN_PROCESS'),
  step('MARK', 'Laser mark rotor', 'MARK-01', '0.5'),
];
const VOLUTE_ROUTING = [
  step('MILL', 'Mill flanges', 'CNC-MILL-01', '8.0'),
  step('DRILL', 'Drill and tap flange holes', 'CNC-MILL-01', '4.0'),
  step('LEAK', 'Pressure test at 16 bar', 'LEAK-01', '3.0', 'IN_PROCESS'),
];
const SEAL_ROUTING = [
  step('MOLD', 'Compression mould', 'PRESS-03', '2.0'),
  step('CURE', 'Post-cure', 'OVEN-01', '1.0'),
  step('TRIM', 'Trim and check', 'TRIM-01', '0.5', 'IN_PROCESS'),
];
const MODULE_ROUTING = [
  step('ASSY', 'Assemble rotor, seal and volute', 'ASSY-02', '12.0'),
  step('TORQ', 'Torque flange bolts', 'ASSY-02', '3.0'),
  step('HYDRO', 'Hydrostatic test', 'LEAK-02', '6.0', 'IN_PROCESS'),
];
const STATOR_ROUTING = [
  step('STACK', 'Stack laminations', 'STK-01', '4.0'),
  step('WIND', 'Wind coils', 'WIND-01', '15.0'),
  step('IMPR', 'Varnish impregnation', 'OVEN-02', '5.0'),
  step('SURGE', 'Surge and hipot test', 'ELT-01', '2.0', 'IN_PROCESS'),
];
const MOTOR_ROUTING = [
  step('ASSY', 'Assemble motor', 'ASSY-03', '14.0'),
  step('RUN', 'No-load run test', 'ELT-02', '4.0', 'IN_PROCESS'),
  step('PACK', 'Cap and palletise', 'PACK-02', '1.5'),
];
const PUMP_ROUTING = [
  step('ASSY', 'Couple motor and hydraulic module', 'ASSY-10', '20.0'),
  step('TEST', 'Performance test run', 'TEST-10', '15.0', 'IN_PROCESS'),
  step('PAINT', 'Paint and cure', 'PAINT-10', '10.0'),
  step('FINAL', 'Final inspection and packing', 'QC-10', '8.0', 'FINAL'),
];
const PUMP_ROUTING_B = [
  step('ASSY', 'Couple motor and hydraulic module', 'ASSY-10', '18.0'),
  step('CABLE', 'Fit supply cable and gland', 'ASSY-10', '4.0'),
  step('TEST', 'Performance test run', 'TEST-10', '15.0', 'IN_PROCESS'),
  step('PAINT', 'Paint and cure', 'PAINT-10', '10.0'),
  step('FINAL', 'Final inspection and packing', 'QC-10', '8.0', 'FINAL'),
];
const KIT_ROUTING = [
  step('PICK', 'Pick and kit', 'KIT-01', '3.0'),
  step('BAG', 'Seal bag and label', 'PACK-01', '1.0'),
  step('FINAL', 'Final kit check', 'QC-10', '1.0', 'FINAL'),
];

const PUMP_TEST = (flow: number, head: number): CharacteristicDef[] => [
  ch(
    'FLOW',
    'Flow at duty point',
    'M3/H',
    { lower: (flow * 0.93).toFixed(1), upper: (flow * 1.08).toFixed(1), target: flow.toFixed(1) },
    2,
    flow * 0.015,
  ),
  ch(
    'HEAD',
    'Head at duty point',
    'M',
    { lower: (head * 0.94).toFixed(1), upper: (head * 1.06).toFixed(1), target: head.toFixed(1) },
    2,
    head * 0.012,
  ),
  ch('VIB', 'Vibration velocity', 'MM/S', { upper: '2.8' }, 2, 0.3, 1.6),
];
const PUMP_FINAL = [
  ch('DFT', 'Paint dry film thickness', 'UM', { lower: '80', upper: '160', target: '120' }, 0, 12),
  ch('LEAK', 'Casing leak rate', 'ML/MIN', { upper: '0.50' }, 2, 0.06, 0.18),
  ch('NOISE', 'Sound pressure at 1 m', 'DB', { upper: '72.0' }, 1, 1.0, 66.5),
];
const PUMP_FINAL_TIGHTENED = [
  ch('DFT', 'Paint dry film thickness', 'UM', { lower: '90', upper: '160', target: '125' }, 0, 11),
  ch('LEAK', 'Casing leak rate', 'ML/MIN', { upper: '0.50' }, 2, 0.06, 0.18),
  ch('NOISE', 'Sound pressure at 1 m', 'DB', { upper: '70.0' }, 1, 0.9, 66.5),
];
const KIT_FINAL = [
  ch(
    'COUNT',
    'Parts counted against pick list',
    'EA',
    { lower: '0', upper: '0', target: '0' },
    0,
    0,
  ),
  ch('SEAL', 'Bag seal peel strength', 'N', { lower: '12' }, 1, 1.5, 18),
];

/** Twenty items: raw materials, subassemblies and finished pumps, each with revisions A and B. */
export const ITEMS: readonly ItemDef[] = [
  raw({
    id: 'item-rm-bar-316l',
    number: 'RM-3001',
    description: 'Stainless steel round bar 316L Ø45 mm',
    baseUom: 'KG',
    conversions: [{ from: 'M', to: 'KG', factor: '12.48' }],
    changeAt: '2026-03-16T00:00:00Z',
    ecn: ['ECN-25-0412', 'ECN-26-0031'],
    purchase: { supplierId: 'supplier-acieries-rhone', lotSize: [700, 1100], shelfLifeDays: null },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch(
            'CR',
            'Chromium content',
            'PCT',
            { lower: '16.00', upper: '18.00', target: '17.00' },
            2,
            0.3,
          ),
          ch(
            'MO',
            'Molybdenum content',
            'PCT',
            { lower: '2.00', upper: '3.00', target: '2.50' },
            2,
            0.15,
          ),
          ch('HB', 'Brinell hardness', 'HB', { upper: '215' }, 0, 8, 185),
          ch(
            'DIA',
            'Bar diameter',
            'MM',
            { lower: '44.80', upper: '45.20', target: '45.00' },
            2,
            0.06,
          ),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-volute-casting',
    number: 'RM-3002',
    description: 'Grey iron volute casting EN-GJL-250',
    baseUom: 'EA',
    conversions: [],
    changeAt: '2026-05-04T00:00:00Z',
    ecn: ['ECN-25-0418', 'ECN-26-0058'],
    purchase: { supplierId: 'supplier-fundicion-norte', lotSize: [160, 260], shelfLifeDays: null },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch('WALL', 'Wall thickness', 'MM', { lower: '7.5', upper: '9.0', target: '8.2' }, 2, 0.2),
          ch('HB', 'Brinell hardness', 'HB', { lower: '180', upper: '240', target: '210' }, 0, 9),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-epdm-compound',
    number: 'RM-3003',
    description: 'EPDM rubber compound 70 Shore A',
    baseUom: 'KG',
    conversions: [{ from: 'G', to: 'KG', factor: '0.001' }],
    changeAt: '2026-04-06T00:00:00Z',
    ecn: ['ECN-25-0420', 'ECN-26-0044'],
    purchase: { supplierId: 'supplier-nordic-polymers', lotSize: [120, 200], shelfLifeDays: 180 },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch('SHA', 'Hardness', 'SHORE A', { lower: '65', upper: '75', target: '70' }, 0, 1.4),
          ch('TS', 'Tensile strength', 'MPA', { lower: '10.0' }, 1, 0.6, 12.4),
          ch(
            'DENS',
            'Density',
            'G/CM3',
            { lower: '1.10', upper: '1.20', target: '1.15' },
            3,
            0.012,
          ),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-bearing-6204',
    number: 'RM-3004',
    description: 'Deep-groove ball bearing 6204-2RS',
    baseUom: 'EA',
    conversions: [{ from: 'BOX', to: 'EA', factor: '50' }],
    changeAt: '2026-02-16T00:00:00Z',
    ecn: ['ECN-25-0433', 'ECN-26-0012'],
    purchase: {
      supplierId: 'supplier-bavaria-bearings',
      lotSize: [800, 1400],
      shelfLifeDays: null,
    },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch(
            'BORE',
            'Bore diameter',
            'MM',
            { lower: '19.990', upper: '20.000', target: '19.995' },
            3,
            0.0014,
          ),
          ch('NOISE', 'Running noise', 'DB', { upper: '45.0' }, 1, 1.2, 40.5),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-copper-wire',
    number: 'RM-3005',
    description: 'Enamelled copper wire 0.80 mm grade 2',
    baseUom: 'KG',
    conversions: [{ from: 'G', to: 'KG', factor: '0.001' }],
    changeAt: '2026-07-13T00:00:00Z',
    ecn: ['ECN-25-0440', 'ECN-26-0087'],
    purchase: { supplierId: 'supplier-kansai-wire', lotSize: [180, 300], shelfLifeDays: 720 },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch(
            'DIA',
            'Conductor diameter',
            'MM',
            { lower: '0.795', upper: '0.805', target: '0.800' },
            3,
            0.0012,
          ),
          ch('BDV', 'Breakdown voltage', 'V', { lower: '4200' }, 0, 180, 5100),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-screw-m8',
    number: 'RM-3006',
    description: 'Hex screw M8x25 A4-70',
    baseUom: 'EA',
    // Screws are consumed from bulk bins: ERP does not trace them by lot.
    tracking: 'NONE',
    conversions: [{ from: 'BOX', to: 'EA', factor: '100' }],
    changeAt: '2026-09-07T00:00:00Z',
    ecn: ['ECN-25-0441', 'ECN-26-0102'],
    purchase: null,
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch('LEN', 'Shank length', 'MM', { lower: '24.6', upper: '25.4', target: '25.0' }, 2, 0.1),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-power-cable',
    number: 'RM-3007',
    description: 'Power cable H07RN-F 3G1.5',
    baseUom: 'M',
    conversions: [{ from: 'MM', to: 'M', factor: '0.001' }],
    changeAt: '2026-06-15T00:00:00Z',
    ecn: ['ECN-25-0447', 'ECN-26-0071'],
    purchase: { supplierId: 'supplier-kansai-wire', lotSize: [500, 900], shelfLifeDays: null },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch('OD', 'Outer diameter', 'MM', { lower: '8.9', upper: '10.1', target: '9.5' }, 2, 0.15),
          ch('IR', 'Insulation resistance', 'MOHM.KM', { lower: '20' }, 0, 6, 48),
        ],
      },
    ],
  }),
  raw({
    id: 'item-rm-lamination-steel',
    number: 'RM-3008',
    description: 'Electrical steel M270-50A laminations',
    baseUom: 'KG',
    conversions: [],
    changeAt: '2026-08-03T00:00:00Z',
    ecn: ['ECN-25-0450', 'ECN-26-0093'],
    purchase: { supplierId: 'supplier-acieries-rhone', lotSize: [900, 1500], shelfLifeDays: null },
    inspections: [
      {
        type: 'RECEIVING',
        characteristics: [
          ch(
            'THK',
            'Sheet thickness',
            'MM',
            { lower: '0.47', upper: '0.53', target: '0.50' },
            3,
            0.008,
          ),
          ch('LOSS', 'Core loss at 1.5 T', 'W/KG', { upper: '2.70' }, 2, 0.08, 2.45),
        ],
      },
    ],
  }),
  {
    id: 'item-sa-pump-shaft',
    number: 'SA-2001',
    description: 'Machined pump shaft Ø20',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-03-30T00:00:00Z',
      ecn: ['ECN-25-0455', 'ECN-26-0039'],
      a: { bom: bom('1', [['RM-3001', '0.150', 'M']]), routing: SHAFT_ROUTING },
      b: { bom: bom('1', [['RM-3001', '0.145', 'M']]), routing: SHAFT_ROUTING },
    }),
    purchase: null,
    make: { batchSize: 180, maxLot: 90, hoursPerStep: [4, 10], shelfLifeDays: null },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch(
            'BRG',
            'Bearing seat diameter (k6)',
            'MM',
            { lower: '20.002', upper: '20.015', target: '20.008' },
            3,
            0.0018,
          ),
          ch('RA', 'Surface roughness Ra', 'UM', { upper: '0.80' }, 2, 0.07, 0.52),
          ch('RUN', 'Total runout', 'MM', { upper: '0.020' }, 3, 0.0025, 0.011),
        ],
      },
    ],
  },
  {
    id: 'item-sa-rotor',
    number: 'SA-2002',
    description: 'Rotor assembly with bearings',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-07-06T00:00:00Z',
      ecn: ['ECN-25-0458', 'ECN-26-0081'],
      a: {
        bom: bom('1', [
          ['SA-2001', '1', 'EA'],
          ['RM-3004', '2', 'EA'],
        ]),
        routing: ROTOR_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2001', '1', 'EA'],
          ['RM-3004', '2', 'EA'],
        ]),
        routing: ROTOR_ROUTING,
      },
      draft: {
        from: '2026-12-14T00:00:00Z',
        ecn: 'ECN-26-0131',
        design: {
          bom: bom('1', [
            ['SA-2001', '1', 'EA'],
            ['RM-3004', '2', 'EA'],
          ]),
          routing: ROTOR_ROUTING,
        },
      },
    }),
    purchase: null,
    make: { batchSize: 140, maxLot: 70, hoursPerStep: [4, 9], shelfLifeDays: null },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch('UNB', 'Residual unbalance', 'G.MM', { upper: '2.50' }, 2, 0.35, 1.2),
          ch('RUN', 'Rotor runout', 'MM', { upper: '0.030' }, 3, 0.004, 0.016),
        ],
      },
    ],
  },
  {
    id: 'item-sa-volute',
    number: 'SA-2003',
    description: 'Machined volute casing',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-05-18T00:00:00Z',
      ecn: ['ECN-25-0461', 'ECN-26-0063'],
      a: { bom: bom('1', [['RM-3002', '1', 'EA']]), routing: VOLUTE_ROUTING },
      b: {
        bom: bom('1', [
          ['RM-3002', '1', 'EA'],
          ['RM-3006', '4', 'EA'],
        ]),
        routing: VOLUTE_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 140, maxLot: 70, hoursPerStep: [5, 12], shelfLifeDays: null },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch('FLAT', 'Flange flatness', 'MM', { upper: '0.050' }, 3, 0.006, 0.024),
          ch('LEAK', 'Leak rate at 16 bar', 'ML/MIN', { upper: '0.50' }, 2, 0.05, 0.15),
        ],
      },
    ],
  },
  {
    id: 'item-sa-shaft-seal',
    number: 'SA-2004',
    description: 'Mechanical shaft seal 20 mm, EPDM',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-04-20T00:00:00Z',
      ecn: ['ECN-25-0466', 'ECN-26-0049'],
      a: { bom: bom('10', [['RM-3003', '2400', 'G']]), routing: SEAL_ROUTING },
      b: { bom: bom('10', [['RM-3003', '2200', 'G']]), routing: SEAL_ROUTING },
    }),
    purchase: null,
    make: { batchSize: 320, maxLot: 160, hoursPerStep: [3, 8], shelfLifeDays: 1825 },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch('SHA', 'Hardness', 'SHORE A', { lower: '65', upper: '75', target: '70' }, 0, 1.3),
          ch(
            'ID',
            'Inner diameter',
            'MM',
            { lower: '19.80', upper: '20.20', target: '20.00' },
            2,
            0.05,
          ),
        ],
      },
    ],
  },
  {
    id: 'item-sa-hydraulic-module',
    number: 'SA-2005',
    description: 'Hydraulic module (rotor, seal, volute)',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-04-13T00:00:00Z',
      ecn: ['ECN-25-0470', 'ECN-26-0047'],
      a: {
        bom: bom('1', [
          ['SA-2002', '1', 'EA'],
          ['SA-2003', '1', 'EA'],
          ['SA-2004', '1', 'EA'],
          ['RM-3006', '8', 'EA'],
        ]),
        routing: MODULE_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2002', '1', 'EA'],
          ['SA-2003', '1', 'EA'],
          ['SA-2004', '1', 'EA'],
          ['RM-3006', '6', 'EA'],
        ]),
        routing: MODULE_ROUTING,
      },
      draft: {
        from: '2026-12-07T00:00:00Z',
        ecn: 'ECN-26-0127',
        design: {
          bom: bom('1', [
            ['SA-2002', '1', 'EA'],
            ['SA-2003', '1', 'EA'],
            ['SA-2004', '2', 'EA'],
            ['RM-3006', '6', 'EA'],
          ]),
          routing: MODULE_ROUTING,
        },
      },
    }),
    purchase: null,
    make: { batchSize: 120, maxLot: 60, hoursPerStep: [6, 12], shelfLifeDays: null },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch('LEAK', 'Hydrostatic leak rate', 'ML/MIN', { upper: '1.00' }, 2, 0.1, 0.35),
          ch(
            'TORQ',
            'Flange bolt torque',
            'NM',
            { lower: '23.0', upper: '27.0', target: '25.0' },
            1,
            0.5,
          ),
        ],
      },
    ],
  },
  {
    id: 'item-sa-stator',
    number: 'SA-2006',
    description: 'Motor stator 1.5 kW, wound',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-08-24T00:00:00Z',
      ecn: ['ECN-25-0474', 'ECN-26-0098'],
      a: {
        bom: bom('1', [
          ['RM-3008', '3.20', 'KG'],
          ['RM-3005', '850', 'G'],
        ]),
        routing: STATOR_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['RM-3008', '3.20', 'KG'],
          ['RM-3005', '820', 'G'],
        ]),
        routing: STATOR_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 120, maxLot: 60, hoursPerStep: [5, 12], shelfLifeDays: null },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch(
            'RES',
            'Winding resistance at 20 °C',
            'OHM',
            { lower: '4.10', upper: '4.50', target: '4.30' },
            3,
            0.05,
          ),
          ch('LKG', 'Hipot leakage current', 'MA', { upper: '5.0' }, 2, 0.5, 2.1),
        ],
      },
    ],
  },
  {
    id: 'item-sa-motor',
    number: 'SA-2007',
    description: 'Motor assembly 1.5 kW IE3',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'SUBASSEMBLY',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-05-11T00:00:00Z',
      ecn: ['ECN-25-0478', 'ECN-26-0060'],
      a: {
        bom: bom('1', [
          ['SA-2006', '1', 'EA'],
          ['RM-3004', '2', 'EA'],
          ['RM-3007', '1500', 'MM'],
          ['RM-3006', '4', 'EA'],
        ]),
        routing: MOTOR_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2006', '1', 'EA'],
          ['RM-3004', '2', 'EA'],
          ['RM-3007', '1800', 'MM'],
          ['RM-3006', '4', 'EA'],
        ]),
        routing: MOTOR_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 120, maxLot: 60, hoursPerStep: [5, 12], shelfLifeDays: null },
    inspections: [
      {
        type: 'IN_PROCESS',
        characteristics: [
          ch(
            'CUR',
            'No-load current',
            'A',
            { lower: '1.20', upper: '1.60', target: '1.40' },
            2,
            0.05,
          ),
          ch('VIB', 'Vibration velocity', 'MM/S', { upper: '1.80' }, 2, 0.2, 0.9),
        ],
      },
    ],
  },
  {
    id: 'item-fg-pump-100',
    number: 'FG-1000',
    description: 'Centrifugal pump CP-100, 1.5 kW',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'FINISHED_GOOD',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-06-01T00:00:00Z',
      ecn: ['ECN-25-0481', 'ECN-26-0066'],
      a: {
        bom: bom('1', [
          ['SA-2005', '1', 'EA'],
          ['SA-2007', '1', 'EA'],
          ['RM-3006', '6', 'EA'],
        ]),
        routing: PUMP_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2005', '1', 'EA'],
          ['SA-2007', '1', 'EA'],
          ['RM-3006', '8', 'EA'],
          ['RM-3007', '2500', 'MM'],
        ]),
        routing: PUMP_ROUTING_B,
      },
      draft: {
        from: '2026-12-07T00:00:00Z',
        ecn: 'ECN-26-0128',
        design: {
          bom: bom('1', [
            ['SA-2005', '1', 'EA'],
            ['SA-2007', '1', 'EA'],
            ['RM-3006', '8', 'EA'],
            ['RM-3007', '3000', 'MM'],
          ]),
          routing: PUMP_ROUTING_B,
        },
      },
    }),
    purchase: null,
    make: { batchSize: 36, maxLot: 24, hoursPerStep: [6, 14], shelfLifeDays: null },
    inspections: [
      { type: 'IN_PROCESS', characteristics: PUMP_TEST(10.2, 33) },
      {
        type: 'FINAL',
        characteristics: PUMP_FINAL,
        change: {
          itemRevision: 'B',
          from: '2026-08-17T00:00:00Z',
          characteristics: PUMP_FINAL_TIGHTENED,
        },
      },
    ],
  },
  {
    id: 'item-fg-pump-150',
    number: 'FG-1001',
    description: 'Centrifugal pump CP-150, 2.2 kW',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'FINISHED_GOOD',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-06-22T00:00:00Z',
      ecn: ['ECN-25-0483', 'ECN-26-0075'],
      a: {
        bom: bom('1', [
          ['SA-2005', '1', 'EA'],
          ['SA-2007', '1', 'EA'],
          ['RM-3006', '6', 'EA'],
        ]),
        routing: PUMP_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2005', '1', 'EA'],
          ['SA-2007', '1', 'EA'],
          ['RM-3006', '8', 'EA'],
        ]),
        routing: PUMP_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 30, maxLot: 20, hoursPerStep: [6, 14], shelfLifeDays: null },
    inspections: [
      { type: 'IN_PROCESS', characteristics: PUMP_TEST(15.0, 38) },
      { type: 'FINAL', characteristics: PUMP_FINAL },
    ],
  },
  {
    id: 'item-fg-booster-40',
    number: 'FG-1002',
    description: 'Booster pump BP-40 with supply cable',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'FINISHED_GOOD',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-05-25T00:00:00Z',
      ecn: ['ECN-25-0486', 'ECN-26-0064'],
      a: {
        bom: bom('1', [
          ['SA-2005', '1', 'EA'],
          ['SA-2007', '1', 'EA'],
          ['RM-3007', '2000', 'MM'],
          ['RM-3006', '4', 'EA'],
        ]),
        routing: PUMP_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2005', '1', 'EA'],
          ['SA-2007', '1', 'EA'],
          ['RM-3007', '2200', 'MM'],
          ['RM-3006', '4', 'EA'],
        ]),
        routing: PUMP_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 36, maxLot: 24, hoursPerStep: [6, 14], shelfLifeDays: null },
    inspections: [
      { type: 'IN_PROCESS', characteristics: PUMP_TEST(6.5, 42) },
      { type: 'FINAL', characteristics: PUMP_FINAL },
    ],
  },
  {
    id: 'item-fg-seal-kit-20',
    number: 'FG-1003',
    description: 'Shaft seal service kit SK-20',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'FINISHED_GOOD',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-07-20T00:00:00Z',
      ecn: ['ECN-25-0490', 'ECN-26-0084'],
      a: {
        bom: bom('1', [
          ['SA-2004', '2', 'EA'],
          ['RM-3006', '8', 'EA'],
        ]),
        routing: KIT_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2004', '2', 'EA'],
          ['RM-3006', '10', 'EA'],
        ]),
        routing: KIT_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 60, maxLot: 60, hoursPerStep: [2, 6], shelfLifeDays: 1825 },
    inspections: [{ type: 'FINAL', characteristics: KIT_FINAL }],
  },
  {
    id: 'item-fg-rotor-kit-100',
    number: 'FG-1004',
    description: 'Spare rotor kit RK-100',
    baseUom: 'EA',
    tracking: 'LOT',
    type: 'FINISHED_GOOD',
    conversions: [],
    revisions: engineering({
      changeAt: '2026-09-14T00:00:00Z',
      ecn: ['ECN-25-0493', 'ECN-26-0106'],
      a: {
        bom: bom('1', [
          ['SA-2002', '1', 'EA'],
          ['RM-3004', '2', 'EA'],
        ]),
        routing: KIT_ROUTING,
      },
      b: {
        bom: bom('1', [
          ['SA-2002', '1', 'EA'],
          ['RM-3004', '2', 'EA'],
          ['SA-2004', '1', 'EA'],
        ]),
        routing: KIT_ROUTING,
      },
    }),
    purchase: null,
    make: { batchSize: 40, maxLot: 40, hoursPerStep: [2, 6], shelfLifeDays: null },
    inspections: [{ type: 'FINAL', characteristics: KIT_FINAL }],
  },
];

/** The catalog entry of an item number; throws on a number the catalog does not hold. */
export function itemByNumber(number: string): ItemDef {
  const item = ITEMS.find((candidate) => candidate.number === number);
  if (!item) throw new Error(`no item ${number} in the catalog`);
  return item;
}
