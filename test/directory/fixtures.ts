/** Small, made-up directories for routing tests (never shipped). */
import { ServiceRecord, type ServiceRecordInput } from '../../src/directory/schema.js';

const base = (over: Partial<ServiceRecordInput> & Pick<ServiceRecordInput, 'id' | 'kind'>): ServiceRecordInput => ({
  name: { sv: over.id },
  organisation: { id: 'test-org', name: 'Test' },
  phones: [{ number: '020-50 50 50' }],
  coverage: { scope: 'national' },
  sources: [{ document: 'test fixture' }],
  lastVerified: '2026-11-01',
  status: 'verified',
  ...over,
});
export const rec = (over: Partial<ServiceRecordInput> & Pick<ServiceRecordInput, 'id' | 'kind'>) => ServiceRecord.parse(base(over));
export const officeHours = { type: 'weekly' as const, weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '08:00', to: '16:30' }]])) };

/** The essentials every directory has: 112, 114 14 and the national lines that routing leans on. */
export const essentials = () => [
  rec({ id: 'sos-112', kind: 'emergency', phones: [{ number: '112' }], hours: { type: 'always' }, serves: { genders: ['woman', 'man', 'trans-nonbinary'], roles: ['victim', 'relative', 'professional', 'uses-violence'] } }),
  rec({ id: 'polisen-11414', kind: 'polis', phones: [{ number: '11414' }], hours: { type: 'always' } }),
  rec({ id: 'kvinnofridslinjen', kind: 'helpline', hours: { type: 'always' }, serves: { genders: ['woman', 'man', 'trans-nonbinary'], roles: ['victim', 'relative', 'professional'] } }),
  rec({ id: 'stodlinjen-for-man', kind: 'helpline', phones: [{ number: '020-80 80 80' }], serves: { genders: ['man'], roles: ['victim'], minAge: 18 }, hours: { type: 'always' } }),
  rec({ id: 'bris', kind: 'helpline', phones: [{ number: '116111' }], serves: { genders: ['woman', 'man', 'trans-nonbinary'], roles: ['victim', 'relative'], maxAge: 17 }, forWho: ['young', 'child'], hours: { type: 'always' } }),
  rec({ id: 'ratt-att-valja', kind: 'honour', phones: [{ number: '020-57 70 70' }], situations: ['honour'], serves: { genders: ['woman', 'man', 'trans-nonbinary'], roles: ['victim', 'relative'] }, hours: { type: 'always' } }),
  rec({ id: 'valj-att-sluta', kind: 'violence-prevention', phones: [{ number: '020-555 666', display: '020-555 666' }], serves: { genders: ['woman', 'man', 'trans-nonbinary'], roles: ['uses-violence'] }, forWho: ['uses-violence'] }),
];
