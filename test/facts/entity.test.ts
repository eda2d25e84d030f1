/**
 * F3 entity names as real reports write them: the seed report's projects (its 基础数据表 says
 * 质量安全监督管理专项, its form 质量安全监督管专项, its department report 招投标监督管理专项项目) and the
 * 大英 form's "51092324T000010263357-2023年全县安可替代补助资金项目".
 */
import { describe, expect, it } from 'vitest';
import { entityKey, matchEntity } from '../../src/facts/entity.js';

describe('matchEntity', () => {
  it('a 项目/年度 suffix, a year and brackets do not change the entity: sure', () => {
    expect(matchEntity('招投标监督管理专项项目', '招投标监督管理专项')?.sure).toBe(true);
    expect(matchEntity('工作经费项目（2023年度）', '工作经费')?.sure).toBe(true);
    expect(matchEntity('2023年度工作经费', '工作经费')?.sure).toBe(true);
    expect(matchEntity('3、县级专项资金(一个专项一行)', '县级专项资金')?.sure).toBe(true);
    expect(entityKey('2023年全县安可替代补助资金项目').key).toBe('全县安可替代补助资金');
  });

  it('one character left out, or another kind of money after the same name: fuzzy, with the reason', () => {
    const m = matchEntity('质量安全监督管理专项', '质量安全监督管专项');
    expect(m).toEqual({ sure: false, reason: '名称仅差一字：“质量安全监督管理专项”/“质量安全监督管专项”' });
    expect(matchEntity('质量安全监督管理专项', '质量安全监督管理经费')?.sure).toBe(false);
  });

  it('two projects of one department sharing words are two entities', () => {
    expect(matchEntity('招投标监督管理专项', '质量安全监督管理专项')).toBeNull();
    expect(matchEntity('工作经费', '1、业务工作经费')).toBeNull();
    expect(matchEntity('质量安全监管专项项目', '质量安全监督管理专项')).toBeNull();
  });
});
