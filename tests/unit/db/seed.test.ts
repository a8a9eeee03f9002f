import { describe, expect, it } from 'vitest';
import { seedSyntheticData } from '../../../lib/db/seed';
import { deriveCase } from '../../../lib/db/timeline';
import { dumpTables, freshDb } from './fixtures';

describe('seedSyntheticData', () => {
  it('writes consistent data: references resolve, cases match their timelines, counts add up', async () => {
    const db = freshDb();
    const counts = await seedSyntheticData(db, {
      customers: 120,
      mentionsPerCustomer: 5,
      seed: 3,
      chunkSize: 50,
    });
    expect(counts.customers).toBe(120);
    expect(counts.mentions).toBe(600);
    expect(await db.mentions.count()).toBe(600);
    expect(await db.customers.count()).toBe(120);
    expect(await db.cases.count()).toBe(counts.cases);
    expect(await db.events.count()).toBe(counts.events);
    expect(await db.identities.count()).toBe(counts.identities);

    const tables = await dumpTables(db);
    const customerIds = new Set(tables.customers.map((row) => (row as { id: string }).id));
    const caseById = new Map(
      (tables.cases as { id: string; customerId: string }[]).map((row) => [row.id, row] as const),
    );
    for (const row of tables.identities as { customerId: string }[])
      expect(customerIds.has(row.customerId)).toBe(true);
    for (const row of tables.mentions as { customerId: string; caseId: string }[]) {
      expect(caseById.get(row.caseId)?.customerId).toBe(row.customerId);
    }
    for (const caseRow of await db.cases.toArray()) {
      const timeline = await db.events.where('caseId').equals(caseRow.id).toArray();
      expect(caseRow).toEqual(deriveCase(caseRow, timeline));
    }
    for (const customer of await db.customers.toArray()) {
      const own = (tables.mentions as { customerId: string; category: string }[]).filter(
        (row) => row.customerId === customer.id,
      );
      expect(customer.praiseCount).toBe(own.filter((row) => row.category === 'praise').length);
      expect(customer.complaintCount).toBe(
        own.filter((row) => row.category === 'complaint' || row.category === 'crisis').length,
      );
    }
    const statuses = new Set((tables.cases as { status: string }[]).map((row) => row.status));
    expect(statuses).toEqual(new Set(['open', 'awaiting-customer', 'resolved']));
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const options = { customers: 40, mentionsPerCustomer: 3 };
    const a = freshDb();
    const b = freshDb();
    const c = freshDb();
    await seedSyntheticData(a, { ...options, seed: 11 });
    await seedSyntheticData(b, { ...options, seed: 11, chunkSize: 7 });
    await seedSyntheticData(c, { ...options, seed: 12 });
    expect(await dumpTables(a)).toEqual(await dumpTables(b));
    const textsA = (await a.mentions.toArray()).map((row) => row.text);
    const textsC = (await c.mentions.toArray()).map((row) => row.text);
    expect(textsA).not.toEqual(textsC);
  });
});
