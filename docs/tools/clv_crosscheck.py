"""Independent SciPy cross-check of Tally's BG/NBD + Gamma-Gamma fit and 12-month CLV on the CDNOW sample.

Usage (from the repository root): python3 docs/tools/clv_crosscheck.py [weeks-per-month, default 4.3482]
"""
import numpy as np, csv
from scipy.special import gammaln, hyp2f1, betaln
from scipy.optimize import minimize
rows=list(csv.DictReader(open('functions/core/src/test/resources/cdnow/cdnow_customers_summary_with_spend.csv')))
x=np.array([float(r['x']) for r in rows]); tx=np.array([float(r['t_x']) for r in rows]); T=np.array([float(r['T']) for r in rows]); z=np.array([float(r['zbar']) for r in rows])
def bgnll(p):
    r,al,a,b=np.exp(p)
    A1=gammaln(r+x)-gammaln(r)+r*np.log(al)
    A2=gammaln(a+b)+gammaln(b+x)-gammaln(b)-gammaln(a+b+x)
    A3=-(r+x)*np.log(al+T)
    A4=np.where(x>0, np.log(a)-np.log(b+np.maximum(x,1)-1)-(r+x)*np.log(al+tx), -np.inf)
    return -np.sum(A1+A2+np.logaddexp(A3,A4))
res=minimize(bgnll,np.zeros(4),method='Nelder-Mead',options={'maxiter':20000,'xatol':1e-10,'fatol':1e-10})
r,al,a,b=np.exp(res.x); print('bg',r,al,a,b,-res.fun)
m=x>0
def ggnll(p):
    pp,q,v=np.exp(p); xx=x[m]; zz=z[m]
    return -np.sum(gammaln(pp*xx+q)-gammaln(pp*xx)-gammaln(q)+q*np.log(v)+(pp*xx-1)*np.log(zz)+pp*xx*np.log(xx)-(pp*xx+q)*np.log(xx*zz+v))
g=minimize(ggnll,np.zeros(3),method='Nelder-Mead',options={'maxiter':20000,'xatol':1e-10,'fatol':1e-10})
pp,q,v=np.exp(g.x); print('gg',pp,q,v)
def enf(t):
    hh=hyp2f1(r+x,b+x,a+b+x-1,t/(al+T+t))
    return (a+b+x-1)/(a-1)*(1-((al+T)/(al+T+t))**(r+x)*hh)/(1+np.where(x>0,a/(b+x-1)*((al+T)/(al+tx))**(r+x),0))
spend=(v+x*z)*pp/(pp*x+q-1)
import sys
wpm=float(sys.argv[1]) if len(sys.argv)>1 else 365.25/12/7
tot=0;prev=np.zeros_like(x)
for mth in range(1,13):
    c=enf(mth*wpm); tot+= (c-prev)/1.01**mth; prev=c
clv=tot*spend
print('total',clv.sum(),'repeat share',clv[m].sum()/clv.sum())
