import {
  journeyWorkflowId,
  partnerIdOfWorkflow,
  partnerRequestId,
  projectWorkflowId,
  reportingPeriodWorkflowId,
  requestWorkflowId,
} from '../../domain/workflow-ids';

const uuid = '0f8e3c2a-1b2c-4d5e-8f90-a1b2c3d4e5f6';

describe('partnerIdOfWorkflow', () => {
  it.each(['voka', 'stad-gent', 'go-onderwijs', 'p1', '2027'])('finds partner %s in each of its workflow ids', (id) => {
    expect(partnerIdOfWorkflow(journeyWorkflowId(id))).toBe(id);
    expect(partnerIdOfWorkflow(requestWorkflowId(partnerRequestId(id, uuid)))).toBe(id);
    for (const period of ['p1', 'p12', '2027-Q1', '2027-03', '2027']) {
      expect(partnerIdOfWorkflow(reportingPeriodWorkflowId(id, period))).toBe(id);
    }
  });

  it('names no partner for workflows about several partners or none', () => {
    expect(partnerIdOfWorkflow(projectWorkflowId(uuid))).toBeUndefined();
    expect(partnerIdOfWorkflow(requestWorkflowId(uuid))).toBeUndefined(); // a request from before partner ids
    expect(partnerIdOfWorkflow('staff-digest')).toBeUndefined();
    expect(partnerIdOfWorkflow('report-voka-soon')).toBeUndefined();
  });
});
